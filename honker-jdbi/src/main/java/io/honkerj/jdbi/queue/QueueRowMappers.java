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

    /** The columns every statement mapped to {@link JobRow} returns, in this order ({@code _honker_live}'s). */
    static final java.util.List<String> JOB_COLUMNS = java.util.List.of("id", "queue", "payload", "state",
            "priority", "run_at", "worker_id", "claim_expires_at", "attempts", "max_attempts", "created_at",
            "expires_at");

    /** The columns every statement mapped to {@link DeadRow} returns, in this order. */
    static final java.util.List<String> DEAD_COLUMNS = java.util.List.of("id", "queue", "payload", "priority",
            "run_at", "attempts", "max_attempts", "last_error", "created_at", "died_at");

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Maps the twelve {@code _honker_live} columns by index, in the order of {@code JOB_COLUMNS}: the claim path
     * maps every row it claims, and a lookup by name costs a search of the column names per getter.
     * {@code QueueRowMappersTest} checks that every statement mapped to a job row returns that order.
     */
    public static final class JobRowMapper implements RowMapper<JobRow> {
        /** Creates the mapper. */
        public JobRowMapper() {}

        @Override
        public JobRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new JobRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getInt(5),
                    rs.getLong(6),
                    rs.getString(7),
                    nullableLong(rs, 8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getLong(11),
                    nullableLong(rs, 12));
        }
    }

    /**
     * Maps a claim's rows ({@code claimBatch.sql}, the twelve columns of {@code JOB_COLUMNS}) on the fast path,
     * leaving out the queue, state and worker id: the claim's caller knows them (the queue it claimed from,
     * 'processing', its worker id) and fills them in, so sqlite-jdbc decodes one string per row (the payload)
     * instead of four. Those three are null in the rows it returns.
     */
    public static final class ClaimRowMapper implements RowMapper<JobRow> {
        /** Creates the mapper. */
        public ClaimRowMapper() {}

        @Override
        public JobRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new JobRow(
                    rs.getLong(1),
                    null,
                    rs.getString(3),
                    null,
                    rs.getInt(5),
                    rs.getLong(6),
                    null,
                    nullableLong(rs, 8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getLong(11),
                    nullableLong(rs, 12));
        }
    }

    /** Maps the ten {@code _honker_dead} columns by index, in the order of {@code DEAD_COLUMNS}. */
    public static final class DeadRowMapper implements RowMapper<DeadRow> {
        /** Creates the mapper. */
        public DeadRowMapper() {}

        @Override
        public DeadRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new DeadRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getInt(4),
                    rs.getLong(5),
                    rs.getInt(6),
                    rs.getInt(7),
                    rs.getString(8),
                    rs.getLong(9),
                    rs.getLong(10));
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
