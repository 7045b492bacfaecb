package io.honkerj.jdbi.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock your tests move by hand: give it to {@code Honkers.builder(path).clock(clock)} (or
 * {@code HonkerConfig}) and delays, leases, retries and expiries follow it, so a test ticks past a backoff
 * instead of sleeping. Safe to read from any thread; always in UTC.
 */
public final class SettableClock extends Clock {
    private volatile Instant now;

    private SettableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * @param start the first instant it shows
     * @return a clock standing at {@code start}
     */
    public static SettableClock at(Instant start) {
        return new SettableClock(start);
    }

    /** @return a clock standing at the current whole second of the system clock */
    public static SettableClock startingNow() {
        return new SettableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    /**
     * Moves the clock.
     *
     * @param d how far; not negative (time does not run backwards for the database)
     */
    public void tick(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a settable clock only moves forward, got " + d);
        }
        now = now.plus(d);
    }

    /**
     * Sets the clock to an instant.
     *
     * @param instant the new now
     */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock: its zone is always UTC */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "SettableClock[" + now + "]";
    }
}
