package io.honkerj.api;

import java.time.Duration;

/**
 * Hears what a {@link WorkerPool} does with each job, to feed metrics or logs. Every method has an empty
 * default; calls come from the pool's threads, so keep them short and never throw.
 */
public interface WorkerListener {

    /**
     * A handler is about to run.
     *
     * @param job the job
     */
    default void jobStarted(Job job) {}

    /**
     * A handler returned and the job was acked (with its result, if any).
     *
     * @param job the job
     * @param took how long the handler ran
     */
    default void jobSucceeded(Job job, Duration took) {}

    /**
     * A handler threw and the job was rescheduled.
     *
     * @param job the job
     * @param took how long the handler ran
     * @param error what it threw
     * @param retryIn the delay before it is due again
     */
    default void jobFailed(Job job, Duration took, Throwable error, Duration retryIn) {}

    /**
     * A handler threw on the job's last attempt (or the payload did not decode) and the job moved to the
     * dead-letter table.
     *
     * @param job the job
     * @param took how long the handler ran
     * @param error what it threw
     */
    default void jobDeadLettered(Job job, Duration took, Throwable error) {}

    /**
     * The job went back to the queue without spending an attempt (pool shutting down or queue paused
     * before it started, or its handler interrupted at the shutdown deadline).
     *
     * @param job the job
     */
    default void jobReleased(Job job) {}

    /**
     * The pool lost the job's claim (its lease ran out and another worker may have it) before it could ack,
     * retry or release it; whoever holds it now decides its fate. A cancelled job is reported by
     * {@link #jobCancelled(Job)} instead.
     *
     * @param job the job
     */
    default void claimLost(Job job) {}

    /**
     * The job was cancelled ({@link Queue#cancel(long)}, from any process) while the pool held it. The pool
     * learns it at the next heartbeat (a third of the lease) or when it tries to settle the job; a running
     * handler is then interrupted and {@link Job#isCancelled()} turns true. Heard instead of
     * {@link #claimLost(Job)}, once per job; nothing else is heard for it afterwards.
     *
     * @param job the job
     */
    default void jobCancelled(Job job) {}

    /**
     * A handler ran longer than {@link WorkerOptions#timeout()} and was interrupted. Its attempt counts as
     * failed: {@link #jobFailed} or {@link #jobDeadLettered} follows once the handler has stopped, with a
     * {@link JobTimedOutException}.
     *
     * @param job the job
     * @param timeout the timeout it exceeded
     */
    default void jobTimedOut(Job job, Duration timeout) {}

    /**
     * The periodic queue counts, if the pool was built with {@link WorkerPool.Builder#statsEvery(Duration)}.
     *
     * @param stats the counts of one queue the pool works
     */
    default void queueStats(QueueStats stats) {}
}
