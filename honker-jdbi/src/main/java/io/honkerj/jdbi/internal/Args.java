package io.honkerj.jdbi.internal;

import java.time.Duration;

/** Argument checks shared by the rooms; each message names the argument and the bad value. */
public final class Args {
    private Args() {}

    /**
     * The latest instant honker stores, 9999-12-31T23:59:59Z in unix seconds: a deadline further away (a
     * delay, lease, TTL or expiry of {@code Long.MAX_VALUE} seconds, meaning "forever") is clamped to it, so
     * adding a duration to now never overflows and every binding can still read the value as a date.
     */
    public static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /**
     * The longest a blocking call waits: about 73 years. A longer timeout (up to {@code Long.MAX_VALUE}
     * seconds) waits this long instead of overflowing a nanosecond count.
     */
    public static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 4;

    /**
     * Rejects null and blank names, and names that SQLite cannot store as they are: text with a lone UTF-16
     * surrogate (e.g. {@code "w\\uD800"}) would be stored as {@code "w?"}, so two names would merge and a
     * stored owner would no longer match the one asked about.
     *
     * @param what what the name names, e.g. "queue name"
     * @param value the name
     * @return the name
     */
    public static String requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got '" + value + "'");
        }
        return requireWellFormed(what, value);
    }

    /**
     * Rejects text with a lone UTF-16 surrogate, which SQLite would store as {@code ?}; null passes.
     *
     * @param what what the text is, e.g. "stream key"
     * @param value the text, or null
     * @return the text
     */
    public static String requireWellFormed(String what, String value) {
        int bad = loneSurrogateAt(value);
        if (bad >= 0) {
            throw new IllegalArgumentException(what + " must be well-formed Unicode, got '" + escaped(value)
                    + "' with a lone surrogate \\u" + hex(value.charAt(bad)) + " at index " + bad
                    + " (SQLite would store it as '?')");
        }
        return value;
    }

    /**
     * Returns the text with each lone UTF-16 surrogate replaced by U+FFFD, for free text such as error
     * messages, which must be stored whatever they hold.
     *
     * @param value the text, or null
     * @return the text, well-formed
     */
    public static String wellFormed(String value) {
        if (loneSurrogateAt(value) < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * Finds the first lone UTF-16 surrogate of a text.
     *
     * @param value the text, or null
     * @return its index, or -1 if there is none
     */
    public static int loneSurrogateAt(String value) {
        if (value == null) {
            return -1;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The text with surrogates shown as Java escapes, so a log line shows what was passed. */
    private static String escaped(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                b.append("\\u").append(hex(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /**
     * Rejects values below 1.
     *
     * @param what the argument's name
     * @param value its value
     * @return the value
     */
    public static int requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    /**
     * Rejects null, negative and sub-second durations, returning whole seconds: a fraction rounds up (1.5 s
     * is 2 s), and anything longer than {@link #MAX_EPOCH_SECOND} seconds counts as that ("forever").
     *
     * @param what the argument's name
     * @param value the duration
     * @return its whole seconds, at least 1
     */
    public static long requirePositiveSeconds(String what, Duration value) {
        if (value == null || value.getSeconds() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 second, got " + value);
        }
        return ceilSeconds(value);
    }

    /**
     * Rejects null and negative durations, returning whole seconds: a fraction rounds up (500 ms is 1 s, as
     * {@code RetryPolicy} rounds, so a delay never becomes "now"), and anything longer than
     * {@link #MAX_EPOCH_SECOND} seconds counts as that ("forever").
     *
     * @param what the argument's name
     * @param value the duration
     * @return its whole seconds, zero or more
     */
    public static long requireNonNegativeSeconds(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return ceilSeconds(value);
    }

    /**
     * Whole seconds of a non-negative duration, a fraction rounded up, at most {@link #MAX_EPOCH_SECOND}.
     *
     * @param value a non-negative duration
     * @return its seconds
     */
    public static long ceilSeconds(Duration value) {
        long seconds = value.getSeconds();
        if (seconds >= MAX_EPOCH_SECOND) {
            return MAX_EPOCH_SECOND;
        }
        return value.getNano() > 0 ? seconds + 1 : seconds;
    }

    /**
     * The instant {@code seconds} after {@code now}, in unix seconds, at most {@link #MAX_EPOCH_SECOND}: never
     * overflows, so "forever" stays in the future.
     *
     * @param now unix seconds
     * @param seconds a non-negative count of seconds (from {@link #ceilSeconds} or the checks above)
     * @return the later instant, clamped
     */
    public static long plusSeconds(long now, long seconds) {
        long at = now + Math.min(seconds, MAX_EPOCH_SECOND);
        return at > MAX_EPOCH_SECOND || at < now ? Math.max(now, MAX_EPOCH_SECOND) : at;
    }

    /**
     * The seconds from {@code now} to {@link #plusSeconds(long, long) plusSeconds(now, seconds)}: for a
     * statement that adds the duration to {@code :now} itself.
     *
     * @param now unix seconds
     * @param seconds a non-negative count of seconds
     * @return the seconds to add, so that the sum stays at most {@link #MAX_EPOCH_SECOND}
     */
    public static long secondsFrom(long now, long seconds) {
        return plusSeconds(now, seconds) - now;
    }

    /**
     * Rejects null and negative timeouts, returning nanoseconds, at most {@link #MAX_WAIT_NANOS} (a timeout
     * of {@code Long.MAX_VALUE} seconds waits about 73 years instead of throwing {@code ArithmeticException}).
     *
     * @param what the argument's name
     * @param value the timeout
     * @return its nanoseconds
     */
    public static long timeoutNanos(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return saturatedNanos(value);
    }

    /**
     * Nanoseconds of a non-negative duration, at most {@link #MAX_WAIT_NANOS}.
     *
     * @param value a non-negative duration
     * @return its nanoseconds
     */
    public static long saturatedNanos(Duration value) {
        if (value.getSeconds() >= MAX_WAIT_NANOS / 1_000_000_000L) {
            return MAX_WAIT_NANOS;
        }
        return Math.min(MAX_WAIT_NANOS, value.toNanos());
    }
}
