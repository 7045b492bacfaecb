package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;

/**
 * How one job is enqueued: when it becomes due, its priority, its attempt budget and its expiry.
 *
 * <p>Start from {@link #defaults()} and chain {@code withX(..)} calls:
 * {@code EnqueueOptions.defaults().withDelay(Duration.ofMinutes(5)).withPriority(10)}.
 *
 * @param delay run this long after now ({@code null} = not delayed); wins over {@code runAt}; not negative
 * @param runAt run at this instant ({@code null} = now); a past instant means "due now"
 * @param priority higher runs first; default 0
 * @param maxAttempts how many times the job may run ({@code null} = the queue's default); at least 1
 * @param expiresIn the job is dropped as 'expired' if still not done this long after now ({@code null} =
 *     never); at least one second
 */
public record EnqueueOptions(
        Duration delay, Instant runAt, int priority, Integer maxAttempts, Duration expiresIn) {

    private static final EnqueueOptions DEFAULTS = new EnqueueOptions(null, null, 0, null, null);

    /**
     * Validates the values.
     *
     * @param delay run this long after now, or {@code null}; not negative
     * @param runAt run at this instant, or {@code null}
     * @param priority higher runs first
     * @param maxAttempts the attempt budget, or {@code null} for the queue's; at least 1
     * @param expiresIn drop the job as 'expired' after this long, or {@code null}; at least one second
     * @throws IllegalArgumentException if a value is out of range, naming it
     */
    public EnqueueOptions {
        if (delay != null && delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (expiresIn != null && expiresIn.getSeconds() < 1) {
            throw new IllegalArgumentException("expiresIn must be at least 1 second, got " + expiresIn);
        }
    }

    /**
     * Returns the defaults: due now, priority 0, the queue's attempt budget, never expires.
     *
     * @return the default options
     */
    public static EnqueueOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy that runs this long after now.
     *
     * @param d the delay; not negative
     * @return the copy
     */
    public EnqueueOptions withDelay(Duration d) {
        return new EnqueueOptions(d, runAt, priority, maxAttempts, expiresIn);
    }

    /**
     * Returns a copy that runs at this instant (second precision).
     *
     * @param at when the job becomes due
     * @return the copy
     */
    public EnqueueOptions withRunAt(Instant at) {
        return new EnqueueOptions(delay, at, priority, maxAttempts, expiresIn);
    }

    /**
     * Returns a copy with this priority (higher runs first).
     *
     * @param p the priority
     * @return the copy
     */
    public EnqueueOptions withPriority(int p) {
        return new EnqueueOptions(delay, runAt, p, maxAttempts, expiresIn);
    }

    /**
     * Returns a copy with this attempt budget.
     *
     * @param attempts how many times the job may run; at least 1
     * @return the copy
     */
    public EnqueueOptions withMaxAttempts(int attempts) {
        return new EnqueueOptions(delay, runAt, priority, attempts, expiresIn);
    }

    /**
     * Returns a copy that expires this long after now.
     *
     * @param ttl time to live; at least one second
     * @return the copy
     */
    public EnqueueOptions withExpiresIn(Duration ttl) {
        return new EnqueueOptions(delay, runAt, priority, maxAttempts, ttl);
    }
}
