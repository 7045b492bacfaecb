package io.honkerj.bench;

/**
 * What one timed run did: how many units (jobs) in how many nanoseconds of measured time.
 *
 * @param units jobs done while the timer ran
 * @param nanos measured time
 */
record Measured(long units, long nanos) {
    double perSecond() {
        return units * 1e9 / nanos;
    }

    double microsPerUnit() {
        return nanos / 1e3 / units;
    }
}
