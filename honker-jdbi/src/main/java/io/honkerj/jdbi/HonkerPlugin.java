package io.honkerj.jdbi;

import io.honkerj.jdbi.watch.ChangeWatcher;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import io.honkerj.jdbi.function.HonkerFunctions;
import io.honkerj.jdbi.internal.EagerBusyHandler;
import io.honkerj.jdbi.internal.NotifyFunction;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineConfig;
import org.jdbi.v3.core.Handle;
import io.honkerj.jdbi.internal.SqliteConnections;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The Jdbi plugin of honker: {@code jdbi.installPlugin(new HonkerPlugin())} is all a Jdbi app on SQLite or
 * PostgreSQL adds.
 *
 * <p>It registers:
 * <ul>
 *   <li>the {@link SqlObjectPlugin} (honker's statements are SqlObject DAOs) and {@link HonkerConfig};</li>
 *   <li>on every handle, its engine ({@link EngineConfig#detect}, from the connection's metadata), so
 *       honker's DAOs read that engine's {@code .sql} files ({@link io.honkerj.jdbi.engine.EngineSqlLocator});</li>
 *   <li>on every SQLite connection Jdbi opens, once per physical connection: upstream honker's PRAGMAs
 *       ({@code busy_timeout = 5000}, {@code journal_mode = WAL}, {@code synchronous = NORMAL},
 *       {@code foreign_keys = ON}, {@code cache_size = -32000}, {@code temp_store = MEMORY},
 *       and {@code wal_autocheckpoint = 100000} (upstream: 10000; a safety net, as a background thread
 *       checkpoints, see {@code watch.WalCheckpointer}); the text is
 *       {@code io/honkerj/jdbi/HonkerPlugin/pragmas.sql}),
 *       and {@code BEGIN IMMEDIATE} as the transaction mode, so a transaction takes the write lock when it
 *       starts instead of failing to upgrade a read lock later;</li>
 *   <li>a busy handler with the same 5 s budget as {@code busy_timeout} that retries every 50-250 us instead
 *       of backing off to 100 ms, so that one busy process cannot starve the others
 *       ({@link EagerBusyHandler});</li>
 *   <li>a commit listener that tells the file's change watcher to look now, so waiters in this JVM wake
 *       right after commits made on your own handles too;</li>
 *   <li>upstream's SQL functions for triggers and ad-hoc SQL: {@code notify(channel, payload)}
 *       ({@link NotifyFunction}) and the {@code honker_*} family ({@link HonkerFunctions}).</li>
 * </ul>
 * All of it goes on sqlite-jdbc's own connection, unwrapped from whatever pool hands it out (HikariCP and
 * the like), once per physical connection. A PostgreSQL connection is left as it is (honker's engine
 * groundwork for PostgreSQL: its DAOs read the {@code postgres/} statements); any other connection that is not
 * SQLite's is refused: opening a handle fails with a message naming it. Jdbi's own {@code SQLitePlugin} can be installed beside this one.
 * Installing the plugin twice is a no-op.
 */
public final class HonkerPlugin extends JdbiPlugin.Singleton {
    /**
     * Physical connections already set up. Shared by every instance: a pool's connection seen through two
     * Jdbis (or two plugin instances) is still one connection, and must get one busy handler, one commit
     * hook and one set of functions.
     */
    private static final Map<SQLiteConnection, Boolean> CUSTOMIZED =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Creates the plugin. */
    public HonkerPlugin() {}

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(HonkerConfig.class).markPluginInstalled();
    }

    /**
     * Records the handle's engine, so honker's DAOs on it read that engine's {@code .sql} files.
     *
     * @throws SQLException if the connection's metadata cannot be read
     */
    @Override
    public Handle customizeHandle(Handle handle) throws SQLException {
        EngineConfig.detect(handle);
        return handle;
    }

    /**
     * Sets up the sqlite-jdbc connection under {@code conn} (unwrapped from a pool's proxy such as HikariCP's)
     * once per physical connection, whichever Jdbi or plugin instance sees it first. A PostgreSQL connection
     * needs none of it and is left as it is (the engine's work happens in its {@code .sql} files).
     *
     * @throws SQLException if {@code conn} is neither PostgreSQL nor, directly or wrapped, a sqlite-jdbc
     *     connection
     */
    @Override
    public Connection customizeConnection(Connection conn) throws SQLException {
        if (!(conn instanceof SQLiteConnection) && !conn.isWrapperFor(SQLiteConnection.class) && isPostgres(conn)) {
            return conn;
        }
        SQLiteConnection sqlite = SqliteConnections.unwrap(conn);
        if (CUSTOMIZED.putIfAbsent(sqlite, Boolean.TRUE) == null) {
            try {
                applyPragmas(sqlite);
                EagerBusyHandler.install(sqlite);
                hintWatcherOnCommit(sqlite);
                NotifyFunction.register(sqlite);
                HonkerFunctions.register(sqlite);
                sqlite.getConnectionConfig().setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            } catch (SQLException | RuntimeException e) {
                CUSTOMIZED.remove(sqlite);
                throw e;
            }
        }
        return conn;
    }

    /** Whether a connection that is not SQLite's is PostgreSQL's; any other answer goes to the SQLite refusal. */
    private static boolean isPostgres(Connection conn) {
        try {
            return Engine.of(conn) == Engine.POSTGRES;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Hooks the connection's commits to the file's change watcher ({@link ChangeWatcher#installCommitHook}),
     * for a connection on a file (not a memory database).
     */
    private static void hintWatcherOnCommit(SQLiteConnection sqlite) throws SQLException {
        String file;
        try (Statement st = sqlite.createStatement();
                ResultSet rs = st.executeQuery(
                        ClasspathSqlLocator.removingComments().locate("io.honkerj.jdbi.schema.SchemaDao.mainFile").trim())) {
            file = rs.next() ? rs.getString(1) : null;
        }
        if (file == null || file.isEmpty()) {
            return;
        }
        ChangeWatcher.installCommitHook(sqlite, Path.of(file));
    }

    private static void applyPragmas(Connection conn) throws SQLException {
        String script = ClasspathSqlLocator.removingComments().locate(HonkerPlugin.class, "pragmas");
        try (Statement st = conn.createStatement()) {
            for (String pragma : script.split(";")) {
                if (!pragma.isBlank()) {
                    st.execute(pragma.trim());
                }
            }
        }
    }
}
