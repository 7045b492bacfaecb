package io.honkerj.api;

import java.time.Instant;

/**
 * A snapshot of one live job: the twelve columns of its {@code _honker_live} row.
 *
 * @param id the job id
 * @param queue the queue name
 * @param payload the payload as JSON text
 * @param state pending or processing
 * @param priority higher runs first
 * @param runAt when it is (or was) due
 * @param workerId the worker holding or last holding the claim, or {@code null}
 * @param claimExpiresAt when the current claim runs out, or {@code null}
 * @param attempts how many times it has been claimed
 * @param maxAttempts how many times it may be claimed
 * @param createdAt when it was enqueued
 * @param expiresAt when it expires, or {@code null} for never
 */
public record JobInfo(
        long id,
        String queue,
        String payload,
        JobState state,
        int priority,
        Instant runAt,
        String workerId,
        Instant claimExpiresAt,
        int attempts,
        int maxAttempts,
        Instant createdAt,
        Instant expiresAt) {}
