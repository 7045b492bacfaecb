package io.honkerj.jdbi.engine;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database engine honker runs on, with what it can do.
 *
 * <p>Rooms ask for a capability ({@link #skipLocked()}, {@link #listenNotify()}...), never for an engine by
 * name: a third engine then needs its {@code .sql} folder and its flags, not a change in every room. Each
 * engine's statements live in {@code <Dao>/<folder>/<method>.sql} beside the shared {@code <Dao>/<method>.sql}
 * (see {@link EngineSqlLocator}).
 */
public enum Engine {
    /** SQLite through sqlite-jdbc: one file, shared with upstream honker's other bindings. */
    SQLITE("sqlite", false, false, true, true, true),
    /** PostgreSQL through pgjdbc. */
    POSTGRES("postgres", true, true, false, false, false);

    private final String folder;
    private final boolean skipLocked;
    private final boolean listenNotify;
    private final boolean javaSqlFunctions;
    private final boolean dataVersion;
    private final boolean numbersNamedParameters;

    Engine(String folder, boolean skipLocked, boolean listenNotify, boolean javaSqlFunctions,
            boolean dataVersion, boolean numbersNamedParameters) {
        this.folder = folder;
        this.skipLocked = skipLocked;
        this.listenNotify = listenNotify;
        this.javaSqlFunctions = javaSqlFunctions;
        this.dataVersion = dataVersion;
        this.numbersNamedParameters = numbersNamedParameters;
    }

    /**
     * Whether the driver prepares {@code :name} parameters itself, numbering each distinct name once in order
     * of first appearance (SQLite does): honker's fast path for its hot statements
     * ({@code internal.PreparedDao}) binds them by those numbers; elsewhere (pgjdbc) it rewrites each
     * occurrence into a {@code ?} of its own, as Jdbi does.
     *
     * @return true on SQLite
     */
    public boolean numbersNamedParameters() {
        return numbersNamedParameters;
    }

    /**
     * The folder of this engine's own statements under each DAO's folder.
     *
     * @return e.g. {@code postgres} for {@code io/honkerj/jdbi/queue/QueueDao/postgres/claimBatch.sql}
     */
    public String folder() {
        return folder;
    }

    /**
     * Whether claims can skip rows other transactions hold ({@code FOR UPDATE SKIP LOCKED}), so that
     * concurrent claimers never wait on each other. SQLite has one writer at a time and needs none.
     *
     * @return true on PostgreSQL
     */
    public boolean skipLocked() {
        return skipLocked;
    }

    /**
     * Whether the server delivers wake-ups itself ({@code LISTEN}/{@code NOTIFY} sent in the writer's
     * transaction), instead of honker watching the database file for commits.
     *
     * @return true on PostgreSQL
     */
    public boolean listenNotify() {
        return listenNotify;
    }

    /**
     * Whether honker can register SQL functions written in Java on each connection (upstream's
     * {@code notify(...)} and {@code honker_*} functions). On PostgreSQL they must be created in the
     * database instead.
     *
     * @return true on SQLite
     */
    public boolean javaSqlFunctions() {
        return javaSqlFunctions;
    }

    /**
     * Whether other processes' commits are seen through the database file ({@code PRAGMA data_version} and
     * file replacement), the way honker's change watcher works on SQLite.
     *
     * @return true on SQLite
     */
    public boolean dataVersion() {
        return dataVersion;
    }

    /**
     * Whether the database has one writer at a time (SQLite: a write transaction takes the file's write lock
     * when it begins, {@code BEGIN IMMEDIATE}), so honker queues its own writes in the JVM instead of letting
     * them wait on each other in the database. A server with row locks (PostgreSQL) runs them at once.
     *
     * @return true on SQLite
     */
    public boolean singleWriter() {
        return this == SQLITE;
    }

    /**
     * Whether honker's tables can go in a schema of their own, named in {@code HonkerConfig.setSchema} and put
     * first on the connection's search path. SQLite has none (its attached databases are files).
     *
     * @return true on PostgreSQL
     */
    public boolean namedSchemas() {
        return this == POSTGRES;
    }

    /**
     * The engine of a JDBC connection, from {@code DatabaseMetaData.getDatabaseProductName()}.
     *
     * @param connection an open connection (a pool's proxy is fine)
     * @return its engine
     * @throws SQLException if the metadata cannot be read
     * @throws UnsupportedEngineException if honker has no statements for that database
     */
    public static Engine of(Connection connection) throws SQLException {
        return ofProductName(connection.getMetaData().getDatabaseProductName());
    }

    /**
     * The engine of a database product name as JDBC drivers report it ({@code SQLite}, {@code PostgreSQL}).
     *
     * @param productName the driver's product name
     * @return its engine
     * @throws UnsupportedEngineException for any other product
     */
    public static Engine ofProductName(String productName) {
        if ("SQLite".equalsIgnoreCase(productName)) {
            return SQLITE;
        }
        if ("PostgreSQL".equalsIgnoreCase(productName)) {
            return POSTGRES;
        }
        throw new UnsupportedEngineException(productName);
    }
}
