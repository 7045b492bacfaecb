package io.honkerj.jdbi.internal;

import java.time.Duration;

/** Argument checks shared by the rooms; each message names the argument and the bad value. */
public final class Args {
    private Args() {}

    /**
     * Rejects null and blank names.
     *
     * @param what what the name names, e.g. "queue name"
     * @param value the name
     * @return the name
     */
    public static String requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got '" + value + "'");
        }
        return value;
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
     * Rejects null, negative and sub-second durations, returning whole seconds.
     *
     * @param what the argument's name
     * @param value the duration
     * @return its whole seconds, at least 1
     */
    public static long requirePositiveSeconds(String what, Duration value) {
        if (value == null || value.getSeconds() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 second, got " + value);
        }
        return value.getSeconds();
    }

    /**
     * Rejects null and negative durations, returning whole seconds.
     *
     * @param what the argument's name
     * @param value the duration
     * @return its whole seconds, zero or more
     */
    public static long requireNonNegativeSeconds(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + value);
        }
        return value.getSeconds();
    }
}
