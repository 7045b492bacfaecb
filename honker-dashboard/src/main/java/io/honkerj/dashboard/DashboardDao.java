package io.honkerj.dashboard;

import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The dashboard's statements. Each method's SQL is {@code io/honkerj/dashboard/DashboardDao/<method>.sql}
 * in honker-sql, starting with what it reads and which index serves it, or
 * {@code DashboardDao/postgres/<method>.sql} where PostgreSQL needs its own (found by the engine's locator,
 * as honker-jdbi's DAOs). Times are unix seconds.
 */
@UseEngineSqlLocator
@RegisterConstructorMapper(Rows.QueueRow.class)
@RegisterConstructorMapper(Rows.Totals.class)
@RegisterConstructorMapper(Rows.JobRow.class)
@RegisterConstructorMapper(Rows.TopicRow.class)
@RegisterConstructorMapper(Rows.ConsumerRow.class)
@RegisterConstructorMapper(Rows.TaskRow.class)
@RegisterConstructorMapper(Rows.LockRow.class)
@RegisterConstructorMapper(Rows.WindowRow.class)
interface DashboardDao {

    /** {@code queues.sql}. */
    @SqlQuery
    List<Rows.QueueRow> queues(long now);

    /** {@code totals.sql}. */
    @SqlQuery
    Rows.Totals totals();

    /** {@code liveJobs.sql}: {@code state} null for both live states. */
    @SqlQuery
    List<Rows.JobRow> liveJobs(String queue, String state, int limit);

    /** {@code deadJobs.sql}: {@code queue} null for every queue. */
    @SqlQuery
    List<Rows.JobRow> deadJobs(String queue, int limit);

    /** {@code liveJob.sql}. */
    @SqlQuery
    Optional<Rows.JobRow> liveJob(long id);

    /** {@code deadJob.sql}. */
    @SqlQuery
    Optional<Rows.JobRow> deadJob(long id);

    /** {@code deleteDead.sql}. */
    @SqlUpdate
    int deleteDead(long id);

    /** {@code topics.sql}. */
    @SqlQuery
    List<Rows.TopicRow> topics();

    /** {@code consumers.sql}. */
    @SqlQuery
    List<Rows.ConsumerRow> consumers();

    /** {@code tasks.sql}. */
    @SqlQuery
    List<Rows.TaskRow> tasks();

    /** {@code locks.sql}. */
    @SqlQuery
    List<Rows.LockRow> locks();

    /** {@code rateLimitWindows.sql}. */
    @SqlQuery
    List<Rows.WindowRow> rateLimitWindows(int limit);
}
