package io.honkerj.jdbi;

import io.honkerj.api.PayloadCodec;
import io.honkerj.jdbi.internal.CachingStatementBuilder;
import io.honkerj.jdbi.internal.ImmediateTransactionHandler;
import io.honkerj.jdbi.internal.PooledDatabase;
import io.honkerj.jdbi.notify.NotificationRetention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a honker database file for applications that have no Jdbi yet: the library builds a tuned Jdbi on
 * sqlite-jdbc (WAL, upstream's PRAGMAs, {@code BEGIN IMMEDIATE} transactions as prepared statements,
 * honker's statements kept prepared per connection) and keeps a small pool of long-lived handles.
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
     * Starts a builder for a database file.
     *
     * @param file the SQLite file
     * @return the builder
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** Settings for {@link Honkers#open(Path)}; {@link #open()} ends the chain. */
    public static final class Builder {
        private final Path file;
        private final HonkerConfig config = new HonkerConfig();
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
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
            HonkerConfig target = jdbi.getConfig(HonkerConfig.class);
            target.setClock(config.getClock()).setCodec(config.getCodec()).setBusyDeadline(config.getBusyDeadline())
                    .setNotificationRetention(config.getNotificationRetention());
            PooledDatabase db = new PooledDatabase(jdbi, target.toSettings(), absolute, maxConnections);
            return JdbiHonker.bootstrapped(db, jdbi, absolute.toString());
        }
    }
}
