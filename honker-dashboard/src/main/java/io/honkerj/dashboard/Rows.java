package io.honkerj.dashboard;

/** The rows the dashboard reads, as the {@code .sql} files name their columns (times in unix seconds). */
final class Rows {
    private Rows() {}

    /** One queue's counts; {@code oldestDueRunAt} is null when no job is due. */
    record QueueRow(String queue, long pending, long processing, long dead, Long oldestDueRunAt) {}

    /** Highest job id handed out, live and dead counts. */
    record Totals(long lastId, long live, long dead) {}

    /** A live or dead job; columns a state does not have are null. */
    record JobRow(long id, String queue, String payload, String state, int priority, long runAt,
            String workerId, Long claimExpiresAt, int attempts, int maxAttempts, long createdAt, Long expiresAt,
            String lastError, Long diedAt) {}

    /** A stream topic. */
    record TopicRow(String topic, long events, long lastOffset, long lastAt) {}

    /** A consumer's offset on a topic and the events after it. */
    record ConsumerRow(String consumer, String topic, long offset, long lag) {}

    /** A scheduled task as stored. */
    record TaskRow(String name, String queue, String cronExpr, String payload, int priority, Long expiresS,
            long nextFireAt, int enabled, int maxAttempts) {}

    /** A lock row. */
    record LockRow(String name, String owner, long expiresAt) {}

    /** A rate-limit window. */
    record WindowRow(String name, long windowStart, long count) {}
}
