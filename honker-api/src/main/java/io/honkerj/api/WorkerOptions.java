package io.honkerj.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WorkerPool} works one queue.
 *
 * @param concurrency how many jobs of the queue run at once; at least 1
 * @param claimBatch how many jobs one claim takes at most; at least 1. Whenever fewer than
 *     {@code concurrency} jobs are waiting or running, the pool claims up to this many more, so at most
 *     {@code concurrency + claimBatch - 1} are (finished ones awaiting their ack aside; waiting ones are
 *     heartbeated like running ones). Larger batches mean fewer claim transactions for short jobs.
 * @param lease the claim's visibility timeout; at least one second. Running jobs are heartbeated every
 *     third of it, so it bounds how long a crashed worker's jobs wait, not how long a job may run
 * @param retry backoff and attempt budget for jobs whose handler throws
 * @param rateLimit the most jobs started per {@code ratePer} window across every process using the same
 *     limit name ({@code worker:<queue>}), or 0 for no limit. Each claimed job is counted; one the window
 *     has no room for goes back at once without spending an attempt
 * @param ratePer the rate-limit window; at least one second when {@code rateLimit > 0}, else ignored
 * @param resultTtl how long a handler's returned value stays readable; {@code null} = forever
 */
public record WorkerOptions(int concurrency, int claimBatch, Duration lease, RetryPolicy retry, int rateLimit,
        Duration ratePer, Duration resultTtl) {

    /** Upstream tasks keep results for an hour. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);

    /**
     * Validates the values.
     *
     * @param concurrency how many jobs run at once; at least 1
     * @param claimBatch how many jobs one claim takes at most; at least 1
     * @param lease the claim's visibility timeout; at least one second
     * @param retry backoff and attempt budget
     * @param rateLimit the most jobs started per window, or 0 for no limit; not negative
     * @param ratePer the rate-limit window; at least one second when {@code rateLimit > 0}
     * @param resultTtl how long a returned value stays readable, or {@code null} for forever; at least one second
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if {@code lease} or {@code retry} is {@code null}
     */
    public WorkerOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("worker concurrency must be at least 1, got " + concurrency);
        }
        if (claimBatch < 1) {
            throw new IllegalArgumentException("worker claim batch must be at least 1, got " + claimBatch);
        }
        Objects.requireNonNull(lease, "lease");
        if (lease.getSeconds() < 1) {
            throw new IllegalArgumentException("worker lease must be at least 1 second, got " + lease);
        }
        Objects.requireNonNull(retry, "retry");
        if (rateLimit < 0) {
            throw new IllegalArgumentException("worker rate limit must not be negative, got " + rateLimit);
        }
        if (rateLimit > 0 && (ratePer == null || ratePer.getSeconds() < 1)) {
            throw new IllegalArgumentException("worker rate-limit window must be at least 1 second, got " + ratePer);
        }
        if (resultTtl != null && resultTtl.getSeconds() < 1) {
            throw new IllegalArgumentException("result ttl must be at least 1 second, got " + resultTtl);
        }
    }

    /**
     * Returns the defaults: one job at a time, claims of one, upstream's 300 s lease, {@link RetryPolicy#defaults()},
     * no rate limit, results kept an hour.
     *
     * @return the default options
     */
    public static WorkerOptions defaults() {
        return new WorkerOptions(1, 1, QueueOptions.DEFAULT_VISIBILITY_TIMEOUT, RetryPolicy.defaults(), 0, null,
                DEFAULT_RESULT_TTL);
    }

    /**
     * @param n jobs run at once; at least 1
     * @return a copy with that concurrency
     */
    public WorkerOptions withConcurrency(int n) {
        return new WorkerOptions(n, claimBatch, lease, retry, rateLimit, ratePer, resultTtl);
    }

    /**
     * @param n most jobs per claim; at least 1
     * @return a copy with that claim batch
     */
    public WorkerOptions withClaimBatch(int n) {
        return new WorkerOptions(concurrency, n, lease, retry, rateLimit, ratePer, resultTtl);
    }

    /**
     * @param d the claim lease; at least one second
     * @return a copy with that lease
     */
    public WorkerOptions withLease(Duration d) {
        return new WorkerOptions(concurrency, claimBatch, d, retry, rateLimit, ratePer, resultTtl);
    }

    /**
     * @param policy backoff and attempt budget
     * @return a copy with that retry policy
     */
    public WorkerOptions withRetry(RetryPolicy policy) {
        return new WorkerOptions(concurrency, claimBatch, lease, policy, rateLimit, ratePer, resultTtl);
    }

    /**
     * @param limit most jobs started per window; at least 1
     * @param per the window; at least one second
     * @return a copy with that rate limit
     */
    public WorkerOptions withRateLimit(int limit, Duration per) {
        if (limit < 1) {
            throw new IllegalArgumentException("worker rate limit must be at least 1, got " + limit);
        }
        return new WorkerOptions(concurrency, claimBatch, lease, retry, limit, per, resultTtl);
    }

    /**
     * @param ttl how long returned values stay readable, at least one second; {@code null} = forever
     * @return a copy with that result ttl
     */
    public WorkerOptions withResultTtl(Duration ttl) {
        return new WorkerOptions(concurrency, claimBatch, lease, retry, rateLimit, ratePer, ttl);
    }
}
