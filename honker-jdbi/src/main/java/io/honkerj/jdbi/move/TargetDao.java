package io.honkerj.jdbi.move;

import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import java.util.List;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What {@link HonkerCopy} writes into a PostgreSQL schema: each method's SQL is
 * {@code io/honkerj/jdbi/move/TargetDao/<method>.sql}. It runs on PostgreSQL only (the copy refuses any other
 * target), so its shared files are PostgreSQL's and it has no engine folder. The copy runs every method in
 * one transaction of the target: all rows arrive, or none.
 */
@UseEngineSqlLocator
interface TargetDao {
    /**
     * Puts honker's configured schema first on the search path until the copy's transaction ends:
     * {@code putSchemaFirstInTransaction.sql}.
     *
     * @param schema {@code HonkerConfig.getSchema()} of the target's Jdbi
     * @return the search path for the transaction
     */
    @SqlQuery
    String putSchemaFirstInTransaction(String schema);

    /** @return the honker tables that already hold rows a copy would collide with: {@code nonEmptyTables.sql} */
    @SqlQuery
    List<String> nonEmptyTables();

    /**
     * Inserts jobs, each pending, with their ids: {@code insertLiveJobs.sql}.
     *
     * @param rows the jobs
     */
    @SqlBatch
    void insertLiveJobs(@BindMethods List<Rows.LiveJob> rows);

    /**
     * Inserts dead letters: {@code insertDeadJobs.sql}.
     *
     * @param rows the dead letters
     */
    @SqlBatch
    void insertDeadJobs(@BindMethods List<Rows.DeadJob> rows);

    /**
     * Inserts scheduled tasks: {@code insertScheduledTasks.sql}.
     *
     * @param rows the tasks
     */
    @SqlBatch
    void insertScheduledTasks(@BindMethods List<Rows.ScheduledTask> rows);

    /**
     * Inserts stream events with their offsets: {@code insertStreamEvents.sql}.
     *
     * @param rows the events
     */
    @SqlBatch
    void insertStreamEvents(@BindMethods List<Rows.StreamEvent> rows);

    /**
     * Inserts consumers' saved offsets: {@code insertStreamConsumers.sql}.
     *
     * @param rows the offsets
     */
    @SqlBatch
    void insertStreamConsumers(@BindMethods List<Rows.StreamConsumer> rows);

    /**
     * Inserts job results: {@code insertResults.sql}.
     *
     * @param rows the results
     */
    @SqlBatch
    void insertResults(@BindMethods List<Rows.Result> rows);

    /**
     * Inserts rate-limit windows: {@code insertRateLimitWindows.sql}.
     *
     * @param rows the windows
     */
    @SqlBatch
    void insertRateLimitWindows(@BindMethods List<Rows.RateLimitWindow> rows);

    /**
     * Inserts unique keys: {@code insertUniqueKeys.sql}.
     *
     * @param rows the keys
     */
    @SqlBatch
    void insertUniqueKeys(@BindMethods List<Rows.UniqueKey> rows);

    /**
     * Inserts paused queues: {@code insertPausedQueues.sql}.
     *
     * @param rows the queues
     */
    @SqlBatch
    void insertPausedQueues(@BindMethods List<Rows.PausedQueue> rows);

    /**
     * Moves the job id sequence to at least {@code jobId}: {@code advanceJobIds.sql}.
     *
     * @param jobId the highest id the source handed out, at least 1
     * @return the sequence's value afterwards
     */
    @SqlQuery
    long advanceJobIds(long jobId);

    /**
     * Moves the stream offset sequence to at least {@code streamOffset}: {@code advanceStreamOffsets.sql}.
     *
     * @param streamOffset the highest offset the source handed out, at least 1
     * @return the sequence's value afterwards
     */
    @SqlQuery
    long advanceStreamOffsets(long streamOffset);
}
