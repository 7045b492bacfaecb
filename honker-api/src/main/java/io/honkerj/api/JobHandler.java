package io.honkerj.api;

/**
 * Runs one job of a queue inside a {@link WorkerPool}.
 *
 * <p>Return normally and the pool acks the job; return a non-null value and it is stored as the job's
 * result (see {@link Results}) in the same transaction as the ack. Throw and the pool retries the job with
 * backoff, or dead-letters it once its attempts are used up ({@link RetryPolicy}). Throw
 * {@link RetryLaterException} to choose the delay yourself.
 *
 * <p>Handlers should respond to interruption: a pool shutting down interrupts handlers still running at its
 * deadline and gives their jobs back to the queue without spending an attempt.
 *
 * @param <T> the payload type, decoded from the job's JSON by the honker's codec
 */
@FunctionalInterface
public interface JobHandler<T> {

    /**
     * Runs the job.
     *
     * @param payload the decoded payload
     * @param job the claimed job (id, attempts, raw JSON); the pool acks, retries and heartbeats it, so a
     *     handler need not call those itself
     * @return the job's result to store, or {@code null} for none
     * @throws Exception to have the job retried or dead-lettered
     */
    Object handle(T payload, Job job) throws Exception;
}
