package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * One of honker's {@code .sql} files prepared on a plain JDBC connection, its {@code :name} parameters
 * turned into positions: for code that must run the library's SQL without Jdbi (the SQL functions, which
 * run on the calling connection inside SQLite, and the benchmark's raw baseline).
 */
public final class PositionalSql implements AutoCloseable {
    private static final Pattern PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private final PreparedStatement statement;
    private final List<String> names = new ArrayList<>();

    /**
     * Prepares the SQL of a DAO method.
     *
     * @param conn the connection
     * @param dao the DAO type whose folder holds the file
     * @param method the method (file) name
     * @throws SQLException if the statement does not prepare
     */
    public PositionalSql(Connection conn, Class<?> dao, String method) throws SQLException {
        this(conn, ClasspathSqlLocator.removingComments().locate(dao, method));
    }

    /**
     * Prepares the SQL of a DAO method named by its dotted path, for DAOs not visible from the caller.
     *
     * @param conn the connection
     * @param daoMethod e.g. {@code "io.honkerj.jdbi.queue.QueueDao.claimBatch"}
     * @return the prepared SQL
     * @throws SQLException if the statement does not prepare
     */
    public static PositionalSql of(Connection conn, String daoMethod) throws SQLException {
        return new PositionalSql(conn, ClasspathSqlLocator.removingComments().locate(daoMethod));
    }

    private PositionalSql(Connection conn, String sql) throws SQLException {
        Matcher m = PARAM.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        this.statement = conn.prepareStatement(positional.toString().trim());
    }

    /**
     * Binds every parameter by name.
     *
     * @param values parameter names to values; every name in the SQL must be present
     * @return the statement, ready to execute
     * @throws SQLException if binding fails
     */
    public PreparedStatement bind(Map<String, ?> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            if (!values.containsKey(names.get(i))) {
                throw new IllegalArgumentException("No value for :" + names.get(i));
            }
            statement.setObject(i + 1, values.get(names.get(i)));
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
