package io.honkerj.api;

import java.time.Duration;

/**
 * How a subscription saves its offset and where it starts.
 *
 * @param saveEveryEvents save after this many events handed out (0 = not by count); not negative
 * @param saveEvery save when this long has passed since the last save (zero = not by time)
 * @param fromOffset start after this offset instead of the saved one ({@code null} = the saved offset, or
 *     the start of the stream)
 */
public record SubscribeOptions(int saveEveryEvents, Duration saveEvery, Long fromOffset) {

    /**
     * Validates the values.
     *
     * @param saveEveryEvents save after this many events (0 = not by count); not negative
     * @param saveEvery save when this long has passed (zero = not by time); not negative
     * @param fromOffset start after this offset, or {@code null} for the saved one
     * @throws IllegalArgumentException if a value is out of range or {@code saveEvery} is {@code null}
     */
    public SubscribeOptions {
        if (saveEveryEvents < 0) {
            throw new IllegalArgumentException("saveEveryEvents must not be negative, got " + saveEveryEvents);
        }
        if (saveEvery == null || saveEvery.isNegative()) {
            throw new IllegalArgumentException("saveEvery must not be negative, got " + saveEvery);
        }
    }

    /**
     * Returns upstream Python's defaults: save every 1000 events or every second, from the saved offset.
     *
     * @return the defaults
     */
    public static SubscribeOptions defaults() {
        return new SubscribeOptions(1000, Duration.ofSeconds(1), null);
    }

    /**
     * Returns a copy saving after every {@code n} events.
     *
     * @param n events; 0 disables saving by count
     * @return the copy
     */
    public SubscribeOptions withSaveEveryEvents(int n) {
        return new SubscribeOptions(n, saveEvery, fromOffset);
    }

    /**
     * Returns a copy saving when {@code d} has passed since the last save.
     *
     * @param d the interval; zero disables saving by time
     * @return the copy
     */
    public SubscribeOptions withSaveEvery(Duration d) {
        return new SubscribeOptions(saveEveryEvents, d, fromOffset);
    }

    /**
     * Returns a copy starting after {@code offset}.
     *
     * @param offset the offset to start after
     * @return the copy
     */
    public SubscribeOptions withFromOffset(long offset) {
        return new SubscribeOptions(saveEveryEvents, saveEvery, offset);
    }
}
