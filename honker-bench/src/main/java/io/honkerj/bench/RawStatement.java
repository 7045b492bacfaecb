package io.honkerj.bench;

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
 * One of honker's own {@code .sql} files prepared once on a raw JDBC connection, its {@code :name}
 * parameters turned into positions: the baseline runs exactly the library's SQL without the library.
 */
final class RawStatement implements AutoCloseable {
    private static final Pattern PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private final PreparedStatement statement;
    private final List<String> names = new ArrayList<>();

    RawStatement(Connection conn, Class<?> dao, String method) throws SQLException {
        String sql = ClasspathSqlLocator.removingComments().locate(dao, method);
        Matcher m = PARAM.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        this.statement = conn.prepareStatement(positional.toString());
    }

    PreparedStatement bind(Map<String, Object> values) throws SQLException {
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
