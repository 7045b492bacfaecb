package io.honkerj.jdbi.internal;

import io.honkerj.api.PayloadCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import io.honkerj.jdbi.notify.NotificationRetention;

/**
 * The settings every database view carries: clock, codec and how long to keep retrying a busy database.
 *
 * @param clock decides "now" for every statement
 * @param codec encodes payloads and results
 * @param busyDeadline how long a transaction is retried while the database is busy
 * @param notificationRetention automatic pruning of notifications, or null for none
 * @param schema the PostgreSQL schema honker's tables are in, or null for the connection's current schema
 */
public record HonkerSettings(Clock clock, PayloadCodec codec, Duration busyDeadline,
        NotificationRetention notificationRetention, String schema) {
    /**
     * Checks the values.
     *
     * @param clock decides "now"
     * @param codec encodes payloads and results
     * @param busyDeadline how long a busy transaction is retried; positive
     * @param notificationRetention automatic pruning, or null for none
     * @param schema the PostgreSQL schema, or null for the connection's current one
     * @throws IllegalArgumentException if {@code busyDeadline} is not positive
     * @throws NullPointerException if {@code clock} or {@code codec} is {@code null}
     */
    public HonkerSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(codec, "codec");
        if (busyDeadline == null || busyDeadline.isNegative() || busyDeadline.isZero()) {
            throw new IllegalArgumentException("busyDeadline must be positive, got " + busyDeadline);
        }
    }

    /**
     * Settings in the connection's current schema.
     *
     * @param clock decides "now"
     * @param codec encodes payloads and results
     * @param busyDeadline how long a busy transaction is retried; positive
     * @param notificationRetention automatic pruning, or null for none
     */
    public HonkerSettings(Clock clock, PayloadCodec codec, Duration busyDeadline,
            NotificationRetention notificationRetention) {
        this(clock, codec, busyDeadline, notificationRetention, null);
    }
}
