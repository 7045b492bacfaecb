package io.honkerj.api;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How a {@link WorkerPool} retries a job whose handler threw: exponential backoff with jitter, up to an
 * attempt budget, then the dead-letter table.
 *
 * <p>After the {@code n}-th failed attempt the job is due again after {@code base * 2^(n-1)}, capped at
 * {@code cap}; with jitter the delay is drawn evenly from the upper half of that value, so workers that failed
 * together do not retry together. Times in the database are whole seconds: delays round up.
 *
 * @param base the delay after the first failure; not negative
 * @param cap the longest delay; at least {@code base}
 * @param maxAttempts the most times a job of this queue runs: a failure on attempt {@code maxAttempts} (or on
 *     the job's own {@code max_attempts}, whichever is lower) dead-letters it; 0 means the job's own budget only
 * @param jitter whether to spread delays
 */
public record RetryPolicy(Duration base, Duration cap, int maxAttempts, boolean jitter) {

    /**
     * Validates the values.
     *
     * @param base the delay after the first failure; not negative
     * @param cap the longest delay; at least {@code base}
     * @param maxAttempts the most times a job of this queue runs, or 0 for the job's own budget only
     * @param jitter whether to spread delays
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if {@code base} or {@code cap} is {@code null}
     */
    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative()) {
            throw new IllegalArgumentException("retry base must not be negative, got " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry cap " + cap + " is shorter than the base " + base);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("retry maxAttempts must not be negative, got " + maxAttempts);
        }
    }

    /**
     * Returns the default: 5 s base, 1 hour cap, the job's own attempt budget, jitter on.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), 0, true);
    }

    /**
     * Returns a policy that retries after {@code base * 2^(n-1)}, capped, with jitter.
     *
     * @param base the first delay; not negative
     * @param cap the longest delay; at least {@code base}
     * @return the policy, with the job's own attempt budget
     */
    public static RetryPolicy exponential(Duration base, Duration cap) {
        return new RetryPolicy(base, cap, 0, true);
    }

    /**
     * Returns a copy with another attempt budget.
     *
     * @param attempts the most runs of a job, at least 1; or 0 for the job's own budget
     * @return the copy
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(base, cap, attempts, jitter);
    }

    /**
     * Returns a copy with jitter on or off.
     *
     * @param on whether to spread delays
     * @return the copy
     */
    public RetryPolicy withJitter(boolean on) {
        return new RetryPolicy(base, cap, maxAttempts, on);
    }

    /**
     * Says whether a job that failed on this attempt is dead rather than retried.
     *
     * @param attempts the attempts the job has used, the failed one included
     * @param jobMaxAttempts the job's own {@code max_attempts}
     * @return true if the job must be dead-lettered
     */
    public boolean exhausted(int attempts, int jobMaxAttempts) {
        int budget = maxAttempts == 0 ? jobMaxAttempts : Math.min(maxAttempts, jobMaxAttempts);
        return attempts >= budget;
    }

    /**
     * Computes the delay before the next run of a job that failed.
     *
     * @param attempts the attempts the job has used, the failed one included (at least 1)
     * @param random where jitter comes from
     * @return the delay in whole seconds
     */
    public Duration delayAfter(int attempts, RandomGenerator random) {
        int doublings = Math.max(0, Math.min(attempts - 1, 62));
        long capMillis = saturatedMillis(cap);
        long millis = saturatedMillis(base);
        for (int i = 0; i < doublings && millis < capMillis; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, capMillis);
        if (jitter && millis > 1) {
            millis = millis / 2 + random.nextLong(millis - millis / 2 + 1);
        }
        return Duration.ofSeconds((millis + 999) / 1000);
    }

    /**
     * Milliseconds of a duration, a fraction rounded up, at most {@code Long.MAX_VALUE / 4} ("forever" never
     * overflows).
     */
    private static long saturatedMillis(Duration d) {
        long most = Long.MAX_VALUE / 4;
        return d.getSeconds() >= most / 1000 ? most : d.getSeconds() * 1000 + (d.getNano() + 999_999) / 1_000_000;
    }
}
