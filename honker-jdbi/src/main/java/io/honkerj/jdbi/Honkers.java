package io.honkerj.jdbi;

import io.honkerj.api.PayloadCodec;
import io.honkerj.jdbi.internal.CachingStatementBuilder;
import io.honkerj.jdbi.internal.ImmediateTransactionHandler;
import io.honkerj.jdbi.internal.PooledDatabase;
import io.honkerj.jdbi.notify.NotificationRetention;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import io.honkerj.api.DatabaseOpenException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a honker database file for applications that have no Jdbi yet: the library builds a tuned Jdbi on
 * sqlite-jdbc (WAL, upstream's PRAGMAs, {@code BEGIN IMMEDIATE} transactions as prepared statements,
 * honker's statements kept prepared per connection) and keeps a small pool of long-lived handles.
 * {@link #open(DataSource)} does the same on a PostgreSQL (or SQLite) {@link DataSource}.
 *
 * <pre>{@code
 * try (JdbiHonker honker = Honkers.open(Path.of("app.db"))) {
 *     honker.queue("emails").enqueue(Map.of("to", "alice@example.com"));
 * }
 * }</pre>
 */
public final class Honkers {

    /** Handles kept open at most by default: 4 (SQLite has one writer; readers share the rest). */
    public static final int DEFAULT_MAX_CONNECTIONS = 4;

    private Honkers() {}

    /**
     * Opens (creating if needed) a database file with default settings and creates the honker schema.
     *
     * @param file the SQLite file
     * @return the honker; close it to close its connections
     */
    public static JdbiHonker open(Path file) {
        return builder(file).open();
    }

    /**
     * Opens a honker on a {@link DataSource} with default settings and creates the honker schema if missing:
     * the same {@link io.honkerj.api.Honker} as {@link JdbiHonker#create(Jdbi)} on a Jdbi of that DataSource.
     * The engine (PostgreSQL or SQLite) is found from the first connection's metadata.
     *
     * <p>Connections: the honker takes up to {@link #DEFAULT_MAX_CONNECTIONS} connections from the DataSource
     * (one at first, more only while operations run at once) and keeps them open until it is closed, with its
     * statements prepared on them; closing the honker closes them (a pool gets them back). A connection found
     * lost (e.g. the server restarted) is thrown away and replaced by a new one. On a pool, size it for these
     * connections plus your own. A connection handed out with autocommit off (HikariCP's
     * {@code autoCommit=false}) gets it turned on while honker has it, since honker commits its own
     * transactions; the pool turns it off again when it gets the connection back.
     *
     * @param dataSource a PostgreSQL or SQLite DataSource (a pool such as HikariCP is fine)
     * @return the honker; close it to close its connections
     */
    public static JdbiHonker open(DataSource dataSource) {
        return builder(dataSource).open();
    }

    /**
     * Starts a builder for a {@link DataSource} (see {@link #open(DataSource)}).
     *
     * @param dataSource a PostgreSQL or SQLite DataSource
     * @return the builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(null, Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * Starts a builder for a database file.
     *
     * @param file the SQLite file
     * @return the builder
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"), null);
    }

    /** Settings for {@link Honkers#open(Path)} and {@link Honkers#open(DataSource)}; {@link #open()} ends the chain. */
    public static final class Builder {
        private final Path file;
        private final DataSource dataSource;
        private final HonkerConfig config = new HonkerConfig();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder(Path file, DataSource dataSource) {
            this.file = file;
            this.dataSource = dataSource;
        }

        /**
         * Puts honker's tables in a schema of their own on PostgreSQL (see {@link HonkerConfig#setSchema});
         * opening fails on SQLite if one is named.
         *
         * @param schema the schema's name, or null (the default) for the connection's current schema
         * @return this
         */
        public Builder schema(String schema) {
            config.setSchema(schema);
            return this;
        }

        /**
         * Sets the clock every statement binds "now" from.
         *
         * @param clock the clock
         * @return this
         */
        public Builder clock(Clock clock) {
            config.setClock(clock);
            return this;
        }

        /**
         * Sets the payload codec.
         *
         * @param codec the codec
         * @return this
         */
        public Builder codec(PayloadCodec codec) {
            config.setCodec(codec);
            return this;
        }

        /**
         * Sets how long a transaction is retried while other processes keep the database busy.
         *
         * @param deadline a positive duration
         * @return this
         */
        public Builder busyDeadline(Duration deadline) {
            config.setBusyDeadline(deadline);
            return this;
        }

        /**
         * Turns on automatic pruning of notifications (see {@link HonkerConfig#setNotificationRetention}).
         *
         * @param retention the retention
         * @return this
         */
        public Builder notificationRetention(NotificationRetention retention) {
            config.setNotificationRetention(retention);
            return this;
        }

        /**
         * Sets how many handles (connections) the honker keeps open at most.
         *
         * @param max at least 1
         * @return this
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1, got " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Opens the file, applies the settings and creates the schema if missing.
         *
         * @return the honker
         */
        public JdbiHonker open() {
            if (dataSource != null) {
                return openDataSource();
            }
            if (config.getSchema() != null) {
                throw new DatabaseOpenException(file.toAbsolutePath().toString(), "a schema ('" + config.getSchema()
                        + "') is named, and SQLite has no schemas honker's tables could go in", "Leave the schema "
                        + "unset on a SQLite file, or use another file for a separate set of tables", null);
            }
            Path absolute = file.toAbsolutePath();
            OpenErrors.checkBeforeOpen(absolute);
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            sqlite.setBusyTimeout(5000);
            SQLiteDataSource ds = new SQLiteDataSource(sqlite);
            ds.setUrl("jdbc:sqlite:" + absolute);
            Jdbi jdbi = Jdbi.create(ds).installPlugin(new HonkerPlugin());
            jdbi.setTransactionHandler(new ImmediateTransactionHandler());
            jdbi.setStatementBuilderFactory(conn -> new CachingStatementBuilder());
            HonkerConfig target = configure(jdbi);
            PooledDatabase db = new PooledDatabase(jdbi, target.toSettings(), absolute, maxConnections);
            return JdbiHonker.bootstrapped(db, jdbi, absolute.toString());
        }

        private HonkerConfig configure(Jdbi jdbi) {
            return jdbi.getConfig(HonkerConfig.class).setClock(config.getClock()).setCodec(config.getCodec())
                    .setBusyDeadline(config.getBusyDeadline()).setNotificationRetention(config.getNotificationRetention())
                    .setSchema(config.getSchema());
        }

        /**
         * A Jdbi of honker's own on the DataSource: on SQLite, {@code BEGIN IMMEDIATE} transactions as
         * {@link Honkers#open(Path)}; on PostgreSQL, Jdbi's transactions. Either way honker's statements stay
         * prepared on its connections.
         */
        private JdbiHonker openDataSource() {
            // honker's transactions are its own: a pool that hands out connections with autocommit off
            // (HikariCP autoCommit=false) gets them back with it off again (the pool resets what honker changed)
            Jdbi jdbi = Jdbi.create(() -> {
                Connection conn = dataSource.getConnection();
                if (!conn.getAutoCommit()) {
                    conn.setAutoCommit(true);
                }
                return conn;
            }).installPlugin(new HonkerPlugin());
            HonkerConfig target = configure(jdbi);
            JdbiHonker.Target found = JdbiHonker.Target.of(jdbi);
            if (found.engine().singleWriter()) { // SQLite: BEGIN IMMEDIATE
                jdbi.setTransactionHandler(new ImmediateTransactionHandler());
            }
            jdbi.setStatementBuilderFactory(conn -> new CachingStatementBuilder());
            PooledDatabase db = new PooledDatabase(jdbi, target.toSettings(), found.file(), maxConnections);
            return JdbiHonker.bootstrapped(db, jdbi, found.where());
        }
    }
}
