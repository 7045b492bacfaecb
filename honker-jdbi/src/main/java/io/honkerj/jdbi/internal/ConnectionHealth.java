package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/**
 * Whether a connection honker used can be reused, on any engine: SQLite's own transaction state is asked
 * through {@link SqliteConnections}; a server's connection (PostgreSQL) through JDBC, where a connection the
 * server ended (SQLState class {@code 08}, {@code pg_terminate_backend}, a restart) reports itself closed or
 * invalid.
 */
final class ConnectionHealth {
    /** How long {@link Connection#isValid} may take to answer, in seconds. */
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private ConnectionHealth() {}

    private static boolean isSqlite(Connection conn) throws SQLException {
        return conn instanceof SQLiteConnection || conn.isWrapperFor(SQLiteConnection.class);
    }

    /**
     * Makes sure a connection is in no transaction after a failure (see
     * {@link SqliteConnections#rollBackIfOpen} for SQLite); on a server, rolls back what is open, turns
     * autocommit back on, and asks the server whether the connection still works.
     *
     * @param conn the connection (a pool's proxy is fine)
     * @return true if it can be reused; false if it must be thrown away
     */
    static boolean rollBackIfOpen(Connection conn) {
        try {
            if (isSqlite(conn)) {
                return SqliteConnections.rollBackIfOpen(conn);
            }
            if (conn.isClosed()) {
                return false;
            }
            if (!conn.getAutoCommit()) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
            return conn.isValid(VALID_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether an idle connection still works (a server round trip on PostgreSQL; SQLite's are local).
     *
     * @param conn the connection
     * @return false if it is closed or the server does not answer
     */
    static boolean isValid(Connection conn) {
        try {
            return !conn.isClosed() && (isSqlite(conn) || conn.isValid(VALID_TIMEOUT_SECONDS));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The driver's own connection under a pool's proxy: sqlite-jdbc's, or whatever the proxy wraps
     * ({@code unwrap(Connection.class)}); closing it throws the physical connection away, and a pool that
     * gets the proxy back finds it closed and drops it.
     *
     * @param conn a connection, possibly a pool's proxy
     * @return the physical connection
     * @throws SQLException if the driver fails to unwrap
     */
    static Connection physical(Connection conn) throws SQLException {
        if (isSqlite(conn)) {
            return SqliteConnections.unwrap(conn);
        }
        return conn.isWrapperFor(Connection.class) ? conn.unwrap(Connection.class) : conn;
    }
}
