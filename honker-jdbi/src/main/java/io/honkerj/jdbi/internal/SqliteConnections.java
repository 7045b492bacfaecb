package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/** Finds sqlite-jdbc's own connection under the one Jdbi was given (a pool's proxy, such as HikariCP's). */
public final class SqliteConnections {
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
}
