package io.honkerj.jdbi.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps notification rows by hand, by column index ({@code since.sql}'s order: id, channel, payload,
 * created_at): a listener maps every row on its wake-up path. Public only because Jdbi
 * instantiates registered mappers reflectively; not api.
 */
public final class NotifyRowMapper implements RowMapper<NotificationRow> {
    /** Creates the mapper. */
    public NotifyRowMapper() {}

    @Override
    public NotificationRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new NotificationRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
