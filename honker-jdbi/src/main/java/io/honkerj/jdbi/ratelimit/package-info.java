/**
 * Fixed-window rate limits counted in {@code _honker_rate_limits}. Statements:
 * {@code io/honkerj/jdbi/ratelimit/RateLimitDao/<method>.sql}.
 */
package io.honkerj.jdbi.ratelimit;
