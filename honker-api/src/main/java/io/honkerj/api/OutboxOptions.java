package io.honkerj.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a transactional outbox, with upstream's defaults.
 *
 * @param maxAttempts how many delivery attempts a message gets before it is dead-lettered; at least 1
 * @param baseBackoff the delay after the first failed delivery; the {@code n}-th failure waits
 *     {@code baseBackoff * 2^(n-1)} (whole seconds, rounded up; zero retries at once); not negative
 * @param visibilityTimeout the lease of a delivery attempt; at least one second
 */
public record OutboxOptions(int maxAttempts, Duration baseBackoff, Duration visibilityTimeout) {

    /**
     * Validates the values.
     *
     * @param maxAttempts delivery attempts before the dead-letter table; at least 1
     * @param baseBackoff the delay after the first failed delivery; not negative
     * @param visibilityTimeout the lease of a delivery attempt; at least one second
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if a duration is {@code null}
     */
    public OutboxOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("outbox maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(baseBackoff, "baseBackoff");
        if (baseBackoff.isNegative()) {
            throw new IllegalArgumentException("outbox baseBackoff must not be negative, got " + baseBackoff);
        }
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (visibilityTimeout.getSeconds() < 1) {
            throw new IllegalArgumentException(
                    "outbox visibilityTimeout must be at least 1 second, got " + visibilityTimeout);
        }
    }

    /**
     * Returns upstream's defaults: 5 attempts, 5 s base backoff, 60 s lease.
     *
     * @return the defaults
     */
    public static OutboxOptions defaults() {
        return new OutboxOptions(5, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /**
     * @param attempts delivery attempts; at least 1
     * @return a copy with that budget
     */
    public OutboxOptions withMaxAttempts(int attempts) {
        return new OutboxOptions(attempts, baseBackoff, visibilityTimeout);
    }

    /**
     * @param base the first retry delay; not negative
     * @return a copy with that backoff
     */
    public OutboxOptions withBaseBackoff(Duration base) {
        return new OutboxOptions(maxAttempts, base, visibilityTimeout);
    }

    /**
     * @param lease the lease of a delivery attempt; at least one second
     * @return a copy with that lease
     */
    public OutboxOptions withVisibilityTimeout(Duration lease) {
        return new OutboxOptions(maxAttempts, baseBackoff, lease);
    }
}
