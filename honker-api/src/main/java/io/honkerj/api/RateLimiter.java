package io.honkerj.api;

import java.time.Duration;

/**
 * A fixed-window rate limit shared by every process on the database: at most {@code limit} calls per
 * epoch-aligned window of {@code per}, counted in {@code _honker_rate_limits}. Rejected calls do not count.
 *
 * <p>As in upstream honker, the limit is not stored: use one (limit, per) pair per name.
 */
public interface RateLimiter {

    /** @return the limit's name */
    String name();

    /** @return calls allowed per window */
    int limit();

    /** @return the window length */
    Duration per();

    /**
     * Counts a call if the current window has room.
     *
     * @return true if allowed (and counted)
     */
    boolean tryAcquire();

    /**
     * Counts a call if the current window has room, and says what is left.
     *
     * @return the decision, with the remaining count and the reset time
     */
    RateLimitDecision tryAcquireDecision();

    /**
     * Reads the current window without counting a call.
     *
     * @return {@code allowed} is whether a call now would be allowed
     */
    RateLimitDecision peek();
}
