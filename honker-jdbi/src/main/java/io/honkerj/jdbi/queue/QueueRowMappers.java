package io.honkerj.jdbi.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Row mappers of the queue's rows, written by hand: claims map every row they return, and a reflective
 * mapper costs microseconds per row where these cost a few JDBC getters. Public only because Jdbi
 * instantiates registered mappers reflectively; not api.
 */
public final class QueueRowMappers {
    private QueueRowMappers() {}

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Maps the twelve {@code _honker_live} columns. */
    public static final class JobRowMapper implements RowMapper<JobRow> {
        /** Creates the mapper. */
        public JobRowMapper() {}

        @Override
        public JobRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new JobRow(
                    rs.getLong("id"),
                    rs.getString("queue"),
                    rs.getString("payload"),
                    rs.getString("state"),
                    rs.getInt("priority"),
                    rs.getLong("run_at"),
                    rs.getString("worker_id"),
                    nullableLong(rs, "claim_expires_at"),
                    rs.getInt("attempts"),
                    rs.getInt("max_attempts"),
                    rs.getLong("created_at"),
                    nullableLong(rs, "expires_at"));
        }
    }

    /** Maps the ten {@code _honker_dead} columns. */
    public static final class DeadRowMapper implements RowMapper<DeadRow> {
        /** Creates the mapper. */
        public DeadRowMapper() {}

        @Override
        public DeadRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new DeadRow(
                    rs.getLong("id"),
                    rs.getString("queue"),
                    rs.getString("payload"),
                    rs.getInt("priority"),
                    rs.getLong("run_at"),
                    rs.getInt("attempts"),
                    rs.getInt("max_attempts"),
                    rs.getString("last_error"),
                    rs.getLong("created_at"),
                    rs.getLong("died_at"));
        }
    }

    /** Maps the counts of {@code stats.sql}. */
    public static final class StatsRowMapper implements RowMapper<StatsRow> {
        /** Creates the mapper. */
        public StatsRowMapper() {}

        @Override
        public StatsRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new StatsRow(rs.getLong("pending"), rs.getLong("processing"), rs.getLong("dead"),
                    nullableLong(rs, "oldest_due_run_at"));
        }
    }
}
