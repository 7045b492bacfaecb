package io.honkerj.jdbi.move;

/**
 * What a {@link HonkerCopy} copied, table by table.
 *
 * @param jobs live jobs copied, all pending on the target (delayed ones keep their {@code run_at})
 * @param reclaimedJobs of {@code jobs}, how many were claimed on the source and are pending again on the
 *     target (their attempts kept)
 * @param deadJobs dead letters copied
 * @param scheduledTasks scheduled tasks copied, with their next fire and pause flag
 * @param streamEvents stream events copied, with their offsets
 * @param streamConsumers consumers' saved offsets copied
 * @param results job results copied
 * @param rateLimitWindows rate-limit windows copied, with their counts
 * @param uniqueKeys unique-job keys copied
 * @param pausedQueues paused queues copied
 * @param lastJobId the highest job id the source ever handed out: the target's next job gets a higher one
 * @param lastStreamOffset the highest stream offset the source ever handed out: the target's next event gets
 *     a higher one
 */
public record Copied(long jobs, long reclaimedJobs, long deadJobs, long scheduledTasks, long streamEvents,
        long streamConsumers, long results, long rateLimitWindows, long uniqueKeys, long pausedQueues,
        long lastJobId, long lastStreamOffset) {}
