package io.honkerj.jdbi.queue;

/** A {@code _honker_dead} row; times in unix seconds. */
record DeadRow(
        long id,
        String queue,
        String payload,
        int priority,
        long runAt,
        int attempts,
        int maxAttempts,
        String lastError,
        long createdAt,
        long diedAt) {}
