package io.honkerj.bench;

import java.util.Locale;

/**
 * What one figure of the quick report should reach: at least a bound (ratios, rates) or at most one
 * (latencies, costs). A figure that is not a number (a side that did nothing) misses either.
 *
 * @param bound the value the figure is compared with
 * @param atLeast whether the figure must be at least the bound, else at most
 * @param format how the figure and the bound are printed, a {@link String#format} pattern with one {@code %f}
 */
record Target(double bound, boolean atLeast, String format) {
    /**
     * @param bound the lowest acceptable ratio
     * @return a target for a ratio printed with two decimals, e.g. {@code >= 0.70}
     */
    static Target atLeast(double bound) {
        return new Target(bound, true, "%.2f");
    }

    /**
     * @param bound the highest acceptable value
     * @param format how values are printed, e.g. {@code "%.0f us"}
     * @return a target for a figure that must stay at or below the bound
     */
    static Target atMost(double bound, String format) {
        return new Target(bound, false, format);
    }

    boolean metBy(double value) {
        return atLeast ? value >= bound : value <= bound;
    }

    String show(double value) {
        return String.format(Locale.ROOT, format, value);
    }

    /** @return the target as printed beside a figure, e.g. {@code >= 0.70} */
    @Override
    public String toString() {
        return (atLeast ? ">= " : "<= ") + show(bound);
    }
}
