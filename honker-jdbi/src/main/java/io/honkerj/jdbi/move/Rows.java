package io.honkerj.jdbi.move;

/**
 * The rows a copy carries, one record per table, with the columns' values as stored (integers as
 * {@code long}, so a value too large for a PostgreSQL {@code integer} column is refused by the target,
 * named, instead of being cut on the way).
 */
final class Rows {
    private Rows() {}

    /** A row of {@code _honker_live}; {@code state} is read to count the claimed jobs that go back to pending. */
    public record LiveJob(long id, String queue, String payload, String state, long priority, long runAt, long attempts,
            long maxAttempts, long createdAt, Long expiresAt) {}

    /** A row of {@code _honker_dead}. */
    public record DeadJob(long id, String queue, String payload, long priority, long runAt, long attempts,
            long maxAttempts, String lastError, long createdAt, long diedAt) {}

    /** A row of {@code _honker_scheduler_tasks}. */
    public record ScheduledTask(String name, String queue, String cronExpr, String payload, long priority, Long expiresS,
            long nextFireAt, long enabled, long maxAttempts) {}

    /** A row of {@code _honker_stream}. */
    public record StreamEvent(long offset, String topic, String key, String payload, long createdAt) {}

    /** A row of {@code _honker_stream_consumers}. */
    public record StreamConsumer(String name, String topic, long offset) {}

    /** A row of {@code _honker_results}. */
    public record Result(long jobId, String value, long createdAt, Long expiresAt) {}

    /** A row of {@code _honker_rate_limits}. */
    public record RateLimitWindow(String name, long windowStart, long count) {}

    /** A row of {@code _honkerj_unique_jobs}. */
    public record UniqueKey(String queue, String uniqueKey, long jobId) {}

    /** A row of {@code _honkerj_paused_queues}. */
    public record PausedQueue(String queue, long pausedAt) {}

    /** The highest job id and stream offset a database ever handed out. */
    public record HighWater(long jobId, long streamOffset) {}
}
