package io.honkerj.jdbi.move;

import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import java.util.List;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What {@link HonkerCopy} reads from a SQLite file, nothing else: each method's SQL is
 * {@code io/honkerj/jdbi/move/SourceDao/<method>.sql}. Every statement is a {@code SELECT}; the copy runs
 * them in one read transaction, so it copies one consistent moment of the file.
 */
@UseEngineSqlLocator
@RegisterConstructorMapper(Rows.LiveJob.class)
@RegisterConstructorMapper(Rows.DeadJob.class)
@RegisterConstructorMapper(Rows.ScheduledTask.class)
@RegisterConstructorMapper(Rows.StreamEvent.class)
@RegisterConstructorMapper(Rows.StreamConsumer.class)
@RegisterConstructorMapper(Rows.Result.class)
@RegisterConstructorMapper(Rows.RateLimitWindow.class)
@RegisterConstructorMapper(Rows.UniqueKey.class)
@RegisterConstructorMapper(Rows.PausedQueue.class)
@RegisterConstructorMapper(Rows.HighWater.class)
interface SourceDao {
    /** @return the names of the honker tables the file has: {@code tables.sql} */
    @SqlQuery
    List<String> tables();

    /** @return every live job, in id order: {@code liveJobs.sql} */
    @SqlQuery
    ResultIterable<Rows.LiveJob> liveJobs();

    /** @return every dead letter, in id order: {@code deadJobs.sql} */
    @SqlQuery
    ResultIterable<Rows.DeadJob> deadJobs();

    /** @return every scheduled task, in name order: {@code scheduledTasks.sql} */
    @SqlQuery
    ResultIterable<Rows.ScheduledTask> scheduledTasks();

    /** @return every stream event, in offset order: {@code streamEvents.sql} */
    @SqlQuery
    ResultIterable<Rows.StreamEvent> streamEvents();

    /** @return every consumer's saved offset: {@code streamConsumers.sql} */
    @SqlQuery
    ResultIterable<Rows.StreamConsumer> streamConsumers();

    /** @return every job result: {@code results.sql} */
    @SqlQuery
    ResultIterable<Rows.Result> results();

    /** @return every rate-limit window: {@code rateLimitWindows.sql} */
    @SqlQuery
    ResultIterable<Rows.RateLimitWindow> rateLimitWindows();

    /** @return the unique keys of live jobs: {@code uniqueKeys.sql} */
    @SqlQuery
    ResultIterable<Rows.UniqueKey> uniqueKeys();

    /** @return the paused queues: {@code pausedQueues.sql} */
    @SqlQuery
    ResultIterable<Rows.PausedQueue> pausedQueues();

    /** @return the highest job id and stream offset ever handed out: {@code highWater.sql} */
    @SqlQuery
    Rows.HighWater highWater();
}
