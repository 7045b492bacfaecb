package io.honkerj.jdbi.queue;

/** A {@code _honker_live} row as read or returned by a statement; times in unix seconds. */
record JobRow(
        long id,
        String queue,
        String payload,
        String state,
        int priority,
        long runAt,
        String workerId,
        Long claimExpiresAt,
        int attempts,
        int maxAttempts,
        long createdAt,
        Long expiresAt) {}
