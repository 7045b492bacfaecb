package io.honkerj.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a queue handle: how long a claim lasts and how many times a job may run by default.
 *
 * <p>These are properties of the handle, not stored in the database: two processes may use the same queue
 * with different options, exactly as with upstream honker's {@code db.queue(name, visibility_timeout_s,
 * max_attempts)}.
 *
 * @param visibilityTimeout the lease a claim gets (upstream {@code visibility_timeout_s}); at least one second
 * @param maxAttempts the attempt budget of jobs enqueued without an explicit one; at least 1
 */
public record QueueOptions(Duration visibilityTimeout, int maxAttempts) {

    /** Upstream's default lease: 300 seconds. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(300);

    /** Upstream's default attempt budget: 3. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    /**
     * Validates the values.
     *
     * @param visibilityTimeout the lease a claim gets; at least one second
     * @param maxAttempts the default attempt budget; at least 1
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if {@code visibilityTimeout} is {@code null}
     */
    public QueueOptions {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (visibilityTimeout.getSeconds() < 1) {
            throw new IllegalArgumentException(
                    "visibilityTimeout must be at least 1 second, got " + visibilityTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * Returns upstream's defaults: a 300 s lease and 3 attempts.
     *
     * @return the default options
     */
    public static QueueOptions defaults() {
        return new QueueOptions(DEFAULT_VISIBILITY_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * Returns a copy with another lease length.
     *
     * @param timeout the new lease; at least one second
     * @return the copy
     */
    public QueueOptions withVisibilityTimeout(Duration timeout) {
        return new QueueOptions(timeout, maxAttempts);
    }

    /**
     * Returns a copy with another default attempt budget.
     *
     * @param attempts the new budget; at least 1
     * @return the copy
     */
    public QueueOptions withMaxAttempts(int attempts) {
        return new QueueOptions(visibilityTimeout, attempts);
    }

    /**
     * Reads options from a map using upstream's keyword names, for configuration files.
     *
     * <p>Known keys: {@code visibility_timeout_s} (whole seconds) and {@code max_attempts}. Missing keys keep
     * their defaults.
     *
     * @param values option names to values (numbers or numeric strings)
     * @return the options
     * @throws IllegalArgumentException naming the key for an unknown key, and the value for a bad value
     */
    public static QueueOptions fromMap(Map<String, ?> values) {
        QueueOptions options = defaults();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            switch (e.getKey()) {
                case "visibility_timeout_s" -> options =
                        options.withVisibilityTimeout(Duration.ofSeconds(toLong(e.getKey(), e.getValue())));
                case "max_attempts" -> options = options.withMaxAttempts(
                        Math.toIntExact(toLong(e.getKey(), e.getValue())));
                default -> throw new IllegalArgumentException("Unknown queue option '" + e.getKey()
                        + "'; known options are visibility_timeout_s, max_attempts");
            }
        }
        return options;
    }

    private static long toLong(String key, Object value) {
        if (value instanceof Number n && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException ignored) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                "Queue option '" + key + "' must be a whole number, got '" + value + "'");
    }
}
