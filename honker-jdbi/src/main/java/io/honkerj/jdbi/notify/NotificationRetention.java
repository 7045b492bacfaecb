package io.honkerj.jdbi.notify;

import java.time.Duration;

/**
 * Automatic pruning of {@code _honker_notifications}: notifications older than {@code olderThan}, and all
 * but the {@code maxKeep} newest, are deleted now and then as notifications are sent.
 *
 * @param olderThan the age past which notifications go; not negative
 * @param maxKeep how many of the newest to keep at most; at least 1
 */
public record NotificationRetention(Duration olderThan, int maxKeep) {
    /**
     * Validates the values.
     *
     * @param olderThan the age past which notifications go; not negative
     * @param maxKeep how many of the newest to keep at most; at least 1
     * @throws IllegalArgumentException if a value is out of range or {@code olderThan} is {@code null}
     */
    public NotificationRetention {
        if (olderThan == null || olderThan.isNegative()) {
            throw new IllegalArgumentException("olderThan must not be negative, got " + olderThan);
        }
        if (maxKeep < 1) {
            throw new IllegalArgumentException("maxKeep must be at least 1, got " + maxKeep);
        }
    }
}
