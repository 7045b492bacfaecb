package io.honkerj.jdbi.queue;

import io.honkerj.jdbi.internal.Prepared;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The queue's statements. Each method's SQL is {@code io/honkerj/jdbi/queue/QueueDao/<method>.sql}, which
 * starts with what it does and which index serves it. Every time is unix seconds; {@code now} comes from
 * the honker's clock. {@code INSERT/UPDATE ... RETURNING} are queries: sqlite-jdbc returns their rows only
 * through {@code executeQuery}.
 */
@UseEngineSqlLocator
@RegisterRowMapper(QueueRowMappers.JobRowMapper.class)
@RegisterRowMapper(QueueRowMappers.DeadRowMapper.class)
@RegisterRowMapper(QueueRowMappers.StatsRowMapper.class)
interface QueueDao {

    /** {@code enqueue.sql}. */
    @Prepared
    @SqlQuery
    long enqueue(String queue, String payload, int priority, long runAt, int maxAttempts, Long expiresAt,
            long now);

    /** {@code pause.sql}. */
    @SqlUpdate
    int pause(String queue, long now);

    /** {@code resume.sql}. */
    @SqlUpdate
    int resume(String queue);

    /** {@code isPaused.sql}. */
    @SqlQuery
    boolean isPaused(String queue);

    /**
     * {@code lockUniqueKey.sql}: where writers run at once (PostgreSQL), holds the queue's key until commit so
     * racing enqueues of one key look it up one after the other; called before {@link #uniqueJob}, in its
     * own statement so that the lookup's snapshot is taken after the wait.
     */
    @SqlQuery
    int lockUniqueKey(String queue, String key);

    /** {@code uniqueJob.sql}: the live job holding the key, or null. */
    @SqlQuery
    Long uniqueJob(String queue, String key);

    /** {@code holdUniqueKey.sql}. */
    @SqlUpdate
    int holdUniqueKey(String queue, String key, long jobId);

    /** {@code pruneUniqueKeys.sql}. */
    @SqlUpdate
    int pruneUniqueKeys(String queue);

    /** {@code enqueueAll.sql}: {@code payloads} is a JSON array of the payloads' JSON texts. */
    @SqlQuery
    List<Long> enqueueAll(String queue, String payloads, int priority, long runAt, int maxAttempts,
            Long expiresAt, long now);

    /** {@code deadLetterLapsedClaims.sql}. */
    @Prepared
    @SqlUpdate
    int deadLetterLapsedClaims(String queue, long now);

    /** {@code deleteLapsedClaims.sql}. */
    @SqlUpdate
    int deleteLapsedClaims(String queue, long now);

    /** Upstream's pre-pass for due pending jobs out of attempts (SQL function only): {@code deadLetterExhaustedPending.sql}. */
    @SqlUpdate
    int deadLetterExhaustedPending(String queue, long now);

    /** {@code deleteExhaustedPending.sql}. */
    @SqlUpdate
    int deleteExhaustedPending(String queue, long now);

    /**
     * {@code claimBatch.sql}. On the fast path the rows' queue, state and worker id are null (the caller
     * knows them: {@link QueueRowMappers.ClaimRowMapper}).
     */
    @Prepared(rowMapper = QueueRowMappers.ClaimRowMapper.class)
    @SqlQuery
    List<JobRow> claimBatch(String queue, String workerId, int n, long leaseSeconds, long now);

    /** {@code claimableExists.sql}. */
    @SqlQuery
    boolean claimableExists(String queue, long now);

    /** {@code ack.sql}. */
    @Prepared
    @SqlUpdate
    int ack(long id, String workerId, long now);

    /** {@code ackBatch.sql}: {@code ids} is a JSON array of job ids. */
    @Prepared
    @SqlUpdate
    int ackBatch(String ids, String workerId, long now);

    /** {@code ackBatchIds.sql}: {@code ids} is a JSON array of job ids; returns those deleted. */
    @Prepared
    @SqlQuery
    List<Long> ackBatchIds(String ids, String workerId, long now);

    /** {@code retryToDead.sql}. */
    @SqlUpdate
    int retryToDead(long id, String workerId, String error, long now);

    /** {@code retryReschedule.sql}. */
    @SqlUpdate
    int retryReschedule(long id, String workerId, long runAt, long now);

    /** {@code failToDead.sql}. */
    @SqlUpdate
    int failToDead(long id, String workerId, String error, long now);

    /** {@code deleteLive.sql}. */
    @SqlUpdate
    int deleteLive(long id);

    /** {@code heartbeat.sql}. */
    @Prepared
    @SqlUpdate
    int heartbeat(long id, String workerId, long leaseUntil, long now);

    /** {@code release.sql}. */
    @SqlUpdate
    int release(long id, String workerId, long now);

    /** {@code cancel.sql}. */
    @SqlUpdate
    int cancel(long id);

    /** {@code getJob.sql}. */
    @SqlQuery
    Optional<JobRow> getJob(long id);

    /** {@code liveJobs.sql}. */
    @SqlQuery
    java.util.List<JobRow> liveJobs(String queue, int limit);

    /** {@code nextClaimAt.sql}: null when nothing is scheduled or running. */
    @SqlQuery
    Long nextClaimAt(String queue, long now);

    /** {@code sweepToDead.sql}. */
    @SqlUpdate
    int sweepToDead(String queue, long now);

    /** {@code sweepDelete.sql}. */
    @SqlUpdate
    int sweepDelete(String queue, long now);

    /** {@code stats.sql}. */
    @SqlQuery
    StatsRow stats(String queue, long now);

    /** {@code deadJobs.sql}. */
    @SqlQuery
    List<DeadRow> deadJobs(String queue, int limit);

    /** {@code requeueDead.sql}. */
    @SqlQuery
    Optional<Long> requeueDead(long deadId, String queue, long now);

    /** {@code deleteDead.sql}. */
    @SqlUpdate
    int deleteDead(long deadId);

    /** {@code purge.sql}. */
    @SqlUpdate
    int purge(String queue);

    /** {@code purgeDead.sql}. */
    @SqlUpdate
    int purgeDead(String queue);
}
