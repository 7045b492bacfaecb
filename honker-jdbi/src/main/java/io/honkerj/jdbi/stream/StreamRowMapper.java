package io.honkerj.jdbi.stream;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps stream rows by hand: a subscription maps every row on its wake-up path. Public only because Jdbi
 * instantiates registered mappers reflectively; not api.
 */
public final class StreamRowMapper implements RowMapper<StreamEventRow> {
    /** Creates the mapper. */
    public StreamRowMapper() {}

    @Override
    public StreamEventRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StreamEventRow(rs.getLong("offset"), rs.getString("topic"), rs.getString("key"),
                rs.getString("payload"), rs.getLong("created_at"));
    }
}
