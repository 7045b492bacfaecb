package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;

/**
 * A stored scheduled task: a row of {@code _honker_scheduler_tasks}.
 *
 * @param name the task name
 * @param queue its queue
 * @param cron its schedule as stored
 * @param payload its payload as JSON text
 * @param priority its jobs' priority
 * @param expires its jobs' expiry, or {@code null} for never
 * @param nextFireAt when it fires next
 * @param enabled false while paused
 * @param maxAttempts its jobs' attempt budget
 */
public record ScheduledTaskInfo(String name, String queue, String cron, String payload, int priority,
        Duration expires, Instant nextFireAt, boolean enabled, int maxAttempts) {}
