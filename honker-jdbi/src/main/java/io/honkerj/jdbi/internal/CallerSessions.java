package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.schema.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Cleanable;
import org.sqlite.SQLiteConnection;

/**
 * Sessions on the caller's own handles ({@code JdbiHonker.attach(handle)}): honker's statements run on the
 * caller's connection, so inside the caller's transaction, but through DAOs and prepared statements honker
 * keeps per physical connection.
 *
 * <p>Why: attaching a SqlObject to a handle costs ~0.4 ms in Jdbi, and a caller's handle lives for one
 * transaction (a pool hands out a new one each time); attaching honker's DAOs to each, and parsing each
 * statement again, cost 10-20x the enqueue itself. Here each physical connection (sqlite-jdbc's or pgjdbc's, under
 * any pool's proxy) gets, once, a
 * handle of honker's own on that same connection (no transaction handling of its own: the caller's handle
 * decides transactions), with its DAOs attached and honker's statements kept prepared. Statements on the same
 * connection are in the same transaction whichever handle runs them, on SQLite and PostgreSQL alike. The caller's handle, its
 * statement builder, configuration and transaction handler are never changed.
 *
 * <p>So honker's statements on your connection do not pass through your Jdbi's statement customizers or
 * {@code SqlLogger}: they run on honker's handle, with honker's configuration.
 *
 * <p>The registry is keyed by the driver's connection object; entries of connections that have been
 * closed are dropped whenever a new connection is registered.
 */
public final class CallerSessions {
    private static final ThreadLocal<Connection> OPENING = new ThreadLocal<>();
    private static final Jdbi SHADOW = Jdbi.create(new ConnectionFactory() {
        @Override
        public Connection openConnection() {
            return OPENING.get();
        }

        @Override
        public void closeConnection(Connection conn) {
            // the caller's pool owns the connection
        }

        @Override
        public Cleanable getCleanableFor(Connection conn) {
            return () -> {};
        }
    }).installPlugin(new HonkerPlugin()).setStatementBuilderFactory(conn -> new CachingStatementBuilder());
    /** Keyed by the driver's own connection (sqlite-jdbc's, pgjdbc's) under a pool's proxy. */
    private static final Map<Connection, Entry> ENTRIES = new IdentityHashMap<>();

    private CallerSessions() {}

    /** What honker keeps for one physical connection. */
    private static final class Entry {
        final HandleSession shadow;
        final Optional<Path> file;
        final String where;
        /** The schema names found complete on this connection ("" for the connection's current schema). */
        final java.util.Set<String> schemasChecked = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Entry(HandleSession shadow, Connection conn) throws SQLException {
            this.shadow = shadow;
            this.file = Schema.mainFile(shadow.handle());
            this.where = file.isPresent() ? file.get().toString()
                    : !shadow.handle().getConfig(EngineConfig.class).engine().namedSchemas() ? "in memory"
                    : conn.getMetaData().getDatabaseProductName() + " database " + conn.getCatalog();
        }
    }

    /**
     * The session for the caller's handle: {@link Session#handle()} is that handle, {@link Session#dao} are
     * honker's DAOs on the same connection.
     *
     * @param handle the caller's handle
     * @return the session
     */
    public static Attached of(Handle handle) {
        try {
            Connection conn = ConnectionHealth.physical(handle.getConnection());
            Entry entry;
            synchronized (ENTRIES) {
                entry = ENTRIES.get(conn);
                if (entry == null) {
                    dropClosed();
                    entry = new Entry(new HandleSession(open(conn)), conn);
                    ENTRIES.put(conn, entry);
                }
            }
            return new Attached(handle, entry);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Handle open(Connection conn) {
        OPENING.set(conn);
        try {
            return SHADOW.open();
        } finally {
            OPENING.remove();
        }
    }

    private static void dropClosed() {
        for (Iterator<Connection> it = ENTRIES.keySet().iterator(); it.hasNext();) {
            Connection conn = it.next();
            boolean closed;
            try {
                closed = conn instanceof SQLiteConnection sqlite ? sqlite.getDatabase().isClosed() : conn.isClosed();
            } catch (SQLException e) {
                closed = true;
            }
            if (closed) {
                it.remove();
            }
        }
    }

    /** A session on a caller's handle. */
    public static final class Attached implements Session {
        private final Handle handle;
        private final Entry entry;

        private Attached(Handle handle, Entry entry) {
            this.handle = handle;
            this.entry = entry;
        }

        @Override
        public Handle handle() {
            return handle;
        }

        @Override
        public <T> T dao(Class<T> type) {
            return entry.shadow.dao(type);
        }

        /** @return the connection's main database file, empty for a memory database */
        public Optional<Path> file() {
            return entry.file;
        }

        /** @return the database, named for messages: its file, "in memory", or e.g. "PostgreSQL database app" */
        public String describe() {
            return entry.where;
        }

        /**
         * @param schema the schema's name, or null for the connection's current schema
         * @return whether honker's tables were already found complete in that schema on this connection
         */
        public boolean schemaChecked(String schema) {
            return entry.schemasChecked.contains(schema == null ? "" : schema);
        }

        /**
         * Records that honker's tables are complete (and committed) in a schema of this connection's database.
         *
         * @param schema the schema's name, or null for the connection's current schema
         */
        public void markSchemaChecked(String schema) {
            entry.schemasChecked.add(schema == null ? "" : schema);
        }
    }
}
