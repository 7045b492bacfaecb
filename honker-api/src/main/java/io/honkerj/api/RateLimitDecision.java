package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one rate-limit attempt in a fixed window, with what a caller needs for a
 * {@code Retry-After} header.
 *
 * @param allowed whether this call was counted and may proceed
 * @param remaining how many more calls the current window allows after this one
 * @param resetAt when the current window ends and the count starts again
 */
public record RateLimitDecision(boolean allowed, int remaining, Instant resetAt) {

    /**
     * Returns how long until the window resets, from a given moment.
     *
     * @param now the moment to measure from
     * @return the wait, never negative
     */
    public Duration retryAfter(Instant now) {
        Duration d = Duration.between(now, resetAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
