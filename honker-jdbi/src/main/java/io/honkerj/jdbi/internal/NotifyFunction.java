package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.sqlite.Function;

/**
 * The SQL function {@code notify(channel TEXT, payload TEXT) -> id}, with upstream's name, arity and
 * argument checks, so triggers and SQL written for upstream honker run unchanged: it inserts a
 * notification on the calling connection, inside whatever transaction is open there.
 */
public final class NotifyFunction extends Function {
    private static final int SQLITE_TEXT = 3;
    private final Connection conn;
    private PreparedStatement insert;

    private NotifyFunction(Connection conn) {
        this.conn = conn;
    }

    /**
     * Registers {@code notify/2} on a sqlite-jdbc connection.
     *
     * @param conn the connection
     * @throws SQLException if sqlite-jdbc refuses
     */
    public static void register(Connection conn) throws SQLException {
        Function.create(conn, "notify", new NotifyFunction(conn), 2, 0);
    }

    @Override
    protected void xFunc() throws SQLException {
        if (args() != 2 || value_type(0) != SQLITE_TEXT || value_type(1) != SQLITE_TEXT) {
            error("Invalid function parameter type: notify(channel TEXT, payload TEXT)");
            return;
        }
        if (insert == null) {
            insert = conn.prepareStatement(
                    ClasspathSqlLocator.removingComments().locate("io.honkerj.jdbi.HonkerPlugin.notifyFunction").trim());
        }
        insert.setString(1, value_text(0));
        insert.setString(2, value_text(1));
        try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            result(rs.getLong(1));
        }
    }
}
