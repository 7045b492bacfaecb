package io.honkerj.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a {@link JobHandler} to retry its job after a delay it chooses instead of the pool's backoff
 * (upstream's {@code Retryable(delay_s)}). The attempt still counts: on the last attempt the job is
 * dead-lettered with this exception's message.
 */
public class RetryLaterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The delay before the job is due again. */
    private final Duration delay;

    /**
     * Creates the signal.
     *
     * @param message why the job must wait, kept as {@code last_error} if it dies
     * @param delay how long until the job is due again; not negative
     */
    public RetryLaterException(String message, Duration delay) {
        super(message);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, got " + delay);
        }
        this.delay = delay;
    }

    /** @return how long until the job is due again */
    public Duration delay() {
        return delay;
    }
}
