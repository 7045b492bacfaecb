package io.honkerj.api;

import java.time.Instant;

/**
 * A job that left the live table for good: a row of {@code _honker_dead}.
 *
 * @param id the id it had while live
 * @param queue the queue name
 * @param payload the payload as JSON text
 * @param priority its priority
 * @param runAt when it was last due
 * @param attempts how many times it was claimed
 * @param maxAttempts its attempt budget
 * @param lastError why it died: the worker's error, {@code "max attempts exceeded"} or {@code "expired"}
 * @param createdAt when it was enqueued
 * @param diedAt when it was moved here
 */
public record DeadJob(
        long id,
        String queue,
        String payload,
        int priority,
        Instant runAt,
        int attempts,
        int maxAttempts,
        String lastError,
        Instant createdAt,
        Instant diedAt) {}
