package io.honkerj.jdbi.ratelimit;

import io.honkerj.api.RateLimitDecision;
import io.honkerj.api.RateLimiter;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed-window {@link RateLimiter}: windows are epoch-aligned ({@code (now / per) * per}, as upstream);
 * a call is counted only if the window has room; each counted call also drops this name's finished
 * windows, so the table holds one row per active limit.
 */
public final class JdbiRateLimiter implements RateLimiter {
    private final Database db;
    private final String name;
    private final int limit;
    private final long perSeconds;

    /**
     * Creates a limiter; nothing is written.
     *
     * @param db where statements run
     * @param name the limit's name; not blank
     * @param limit calls per window; at least 1
     * @param per the window; at least one second
     */
    public JdbiRateLimiter(Database db, String name, int limit, Duration per) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = Args.requireName("rate limit name", name);
        this.limit = Args.requirePositive("rate limit", limit);
        this.perSeconds = Args.requirePositiveSeconds("rate limit window", per);
    }

    /**
     * Drops every limit's windows that started more than {@code olderThan} ago.
     *
     * @param db where statements run
     * @param olderThan the age; not negative
     * @return rows deleted
     */
    public static int sweep(Database db, Duration olderThan) {
        long age = Args.requireNonNegativeSeconds("rate limit sweep age", olderThan);
        return db.write(s -> s.dao(RateLimitDao.class).sweep(db.nowSeconds() - age));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Duration per() {
        return Duration.ofSeconds(perSeconds);
    }

    @Override
    public boolean tryAcquire() {
        return tryAcquireDecision().allowed();
    }

    @Override
    public RateLimitDecision tryAcquireDecision() {
        return db.write(s -> {
            long windowStart = windowStart(db.nowSeconds());
            RateLimitDao dao = s.dao(RateLimitDao.class);
            Optional<Integer> count = dao.tryAcquire(name, windowStart, limit);
            if (count.isPresent() && count.get() == 1) {
                dao.deleteOldWindows(name, windowStart);
            }
            return decision(count.isPresent(), count.orElse(limit), windowStart);
        });
    }

    @Override
    public RateLimitDecision peek() {
        long windowStart = windowStart(db.nowSeconds());
        int used = db.read(s -> s.dao(RateLimitDao.class).count(name, windowStart)).orElse(0);
        return decision(used < limit, used, windowStart);
    }

    private long windowStart(long now) {
        return Math.floorDiv(now, perSeconds) * perSeconds;
    }

    private RateLimitDecision decision(boolean allowed, int used, long windowStart) {
        return new RateLimitDecision(allowed, Math.max(0, limit - used), Instant.ofEpochSecond(windowStart + perSeconds));
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + limit + " per " + perSeconds + " s]";
    }
}
