package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;

/**
 * What honker needs to know about sqlite-jdbc connections and statements beyond JDBC: the connection under
 * a pool's proxy (such as HikariCP's), and whether a kept prepared statement can still run.
 */
public final class SqliteConnections {
    private static final String ROLLBACK =
            ClasspathSqlLocator.removingComments().locate(ImmediateTransactionHandler.class, "rollback").trim();

    private SqliteConnections() {}

    /**
     * Returns sqlite-jdbc's connection under a connection: the connection itself, or the one it wraps.
     *
     * @param conn a connection, possibly a pool's proxy
     * @return the sqlite-jdbc connection
     * @throws SQLException naming the connection if it is not SQLite's and wraps none
     */
    public static SQLiteConnection unwrap(Connection conn) throws SQLException {
        if (conn instanceof SQLiteConnection sqlite) {
            return sqlite;
        }
        if (!conn.isWrapperFor(SQLiteConnection.class)) {
            throw new SQLException("HonkerPlugin: " + conn + " is not a SQLite connection and does not wrap one "
                    + "(honker runs on sqlite-jdbc only: install HonkerPlugin on a Jdbi whose connections are "
                    + "jdbc:sqlite:..., directly or through a pool)");
        }
        return conn.unwrap(SQLiteConnection.class);
    }

    /**
     * Returns the connection to prepare honker's statements on: sqlite-jdbc's own under a pool's proxy, or
     * the connection itself on another engine (PostgreSQL), whose statements need no unwrapping.
     *
     * @param conn a connection, possibly a pool's proxy
     * @return the connection to prepare on
     * @throws SQLException if the driver fails to tell what it wraps
     */
    public static Connection physical(Connection conn) throws SQLException {
        if (conn instanceof SQLiteConnection || conn.isWrapperFor(SQLiteConnection.class)) {
            return unwrap(conn);
        }
        return conn;
    }

    /**
     * Whether a prepared statement kept for reuse can still run. sqlite-jdbc finalizes a statement whose step
     * failed with an error such as SQLITE_FULL, SQLITE_IOERR or SQLITE_INTERRUPT but leaves
     * {@link PreparedStatement#isClosed()} false; running it again fails with "statement is not executing".
     *
     * @param st a statement prepared on a sqlite-jdbc connection
     * @return false if it was closed or finalized: prepare it again
     * @throws SQLException if the driver fails to tell
     */
    public static boolean isUsable(PreparedStatement st) throws SQLException {
        if (st.isClosed()) {
            return false;
        }
        return !(st instanceof CoreStatement core) || core.pointer == null || !core.pointer.isClosed();
    }

    /**
     * Makes sure a connection is in no transaction, in SQLite's own state rather than the JDBC autocommit
     * flag (which sqlite-jdbc keeps apart from it): after a failed BEGIN, COMMIT, ROLLBACK or statement, this
     * rolls back whatever SQLite still holds open and sets JDBC autocommit back on. Called before a connection
     * goes back to a pool after a failure, so that no connection re-enters a pool inside a transaction and
     * no other connection or process waits on a dead one.
     *
     * @param conn the connection (a pool's proxy is unwrapped)
     * @return true if the connection is now in autocommit mode; false if it cannot be made so (throw it away)
     */
    public static boolean rollBackIfOpen(Connection conn) {
        try {
            SQLiteConnection sqlite = unwrap(conn);
            if (sqlite.isClosed()) {
                return false;
            }
            boolean rolledBack = rollBack(sqlite);
            if (!sqlite.getAutoCommit()) {
                try {
                    sqlite.setAutoCommit(true); // sqlite-jdbc runs COMMIT: nothing is open any more
                } catch (SQLException e) {
                    if (!noTransaction(e)) {
                        return false;
                    }
                }
            }
            return rolledBack && sqlite.getAutoCommit();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean rollBack(SQLiteConnection sqlite) {
        try (Statement st = sqlite.createStatement()) {
            st.execute(ROLLBACK);
            return true;
        } catch (SQLException e) {
            return noTransaction(e);
        }
    }

    /** @return whether SQLite refused a COMMIT or ROLLBACK because no transaction is open */
    static boolean noTransaction(SQLException e) {
        return String.valueOf(e.getMessage()).contains("no transaction is active");
    }
}
