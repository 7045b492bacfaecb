package io.honkerj.jdbi.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps {@code insert.sql}'s row by column index. Public only because Jdbi instantiates registered mappers
 * reflectively; not api.
 */
public final class SentRowMapper implements RowMapper<SentRow> {
    /** Creates the mapper. */
    public SentRowMapper() {}

    @Override
    public SentRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new SentRow(rs.getLong(1), rs.getLong(2));
    }
}
