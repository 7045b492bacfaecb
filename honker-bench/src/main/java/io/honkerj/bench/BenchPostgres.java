package io.honkerj.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for the report's PostgreSQL section: zonky's embedded server (binaries from Maven
 * Central, packaged in benchmarks.jar; no Docker), started by the report and stopped when it is done, with
 * one fresh database for the run. As root, which {@code initdb} and {@code postgres} refuse to run as, zonky
 * launches them under {@code unshare -U} where the kernel allows user namespaces (the tests'
 * {@code EmbeddedPostgresExtension} has a further {@code setpriv} fallback; the report only says why it could
 * not start). {@code -Dhonkerj.postgres.launcher=none} (as for the tests) turns it off: the section then says so
 * and is skipped.
 *
 * <p>The server runs with {@code synchronous_commit=off}: a commit does not wait for its WAL flush, as
 * SQLite's WAL mode with {@code synchronous=NORMAL} (the SQLite sections) does not fsync at commit either.
 * Both sides of every row run on this same server.
 */
final class BenchPostgres implements AutoCloseable {
    private static final String DATABASE = "honkerj_bench";
    /** The system property that turns the server off when set to {@code none}, as in the tests. */
    static final String LAUNCHER_PROPERTY = "honkerj.postgres.launcher";

    private final EmbeddedPostgres server;
    private final Duration startup;

    private BenchPostgres(EmbeddedPostgres server, Duration startup) {
        this.server = server;
        this.startup = startup;
    }

    /**
     * Starts a server and creates the run's database.
     *
     * @return the running server
     * @throws IOException if PostgreSQL cannot start, with zonky's reason
     * @throws SQLException if the database cannot be created
     */
    static BenchPostgres start() throws IOException, SQLException {
        if ("none".equals(System.getProperty(LAUNCHER_PROPERTY))) {
            throw new IOException("turned off by -D" + LAUNCHER_PROPERTY + "=none");
        }
        long t0 = System.nanoTime();
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (RuntimeException | Error e) {
            throw new IOException(e.toString(), e);
        }
        BenchPostgres started = new BenchPostgres(pg, Duration.ofNanos(System.nanoTime() - t0));
        try (Connection c = started.dataSource("postgres", null).getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** @return how long the server took to start */
    Duration startup() {
        return startup;
    }

    /**
     * A data source on the run's database whose connections work in {@code schema} (their search_path,
     * where honker creates and finds its tables), created if missing.
     *
     * @param schema a plain lower-case name
     * @return the data source (the superuser {@code postgres}, no password)
     * @throws SQLException if the schema cannot be created
     */
    PGSimpleDataSource schema(String schema) throws SQLException {
        try (Connection c = dataSource(DATABASE, null).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        return dataSource(DATABASE, schema);
    }

    /** @return the JDBC URL of the run's database in {@code schema}, for a child JVM */
    String jdbcUrl(String schema) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + DATABASE + "?user=postgres&currentSchema="
                + schema;
    }

    private PGSimpleDataSource dataSource(String database, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {server.getPort()});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    /** @return the server's version, e.g. {@code 14.22} */
    String version() throws SQLException {
        try (Connection c = dataSource(DATABASE, null).getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
