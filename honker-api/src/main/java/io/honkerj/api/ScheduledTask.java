package io.honkerj.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A recurring job: every time its cron expression fires, a job with this payload is enqueued on the queue.
 * Stored in {@code _honker_scheduler_tasks}, upserted by name.
 *
 * @param name the task name (unique); not blank
 * @param queue the queue its jobs go to; not blank
 * @param cron the schedule in honker's cron dialect (5 or 6 fields, or {@code @every <n>{s,m,h,d}})
 * @param payload the payload of every job; any value the codec can encode
 * @param priority the jobs' priority
 * @param expires each job expires this long after it is enqueued ({@code null} = never); at least 1 s
 * @param maxAttempts the jobs' attempt budget; at least 1
 */
public record ScheduledTask(String name, String queue, String cron, Object payload, int priority,
        Duration expires, int maxAttempts) {

    /**
     * Validates the values (the cron expression is validated when the task is added).
     *
     * @param name the task name
     * @param queue the queue its jobs go to
     * @param cron the schedule
     * @param payload the payload of every job
     * @param priority the jobs' priority
     * @param expires how long after it is enqueued each job expires, or {@code null}; at least one second
     * @param maxAttempts the jobs' attempt budget; at least 1
     * @throws IllegalArgumentException if a value is out of range, naming it
     * @throws NullPointerException if {@code cron} is {@code null}
     */
    public ScheduledTask {
        Objects.requireNonNull(cron, "cron");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (expires != null && expires.getSeconds() < 1) {
            throw new IllegalArgumentException("expires must be at least 1 second, got " + expires);
        }
    }

    /**
     * Creates a task with priority 0, jobs that never expire and 3 attempts (upstream's defaults).
     *
     * @param name the task name
     * @param queue the queue
     * @param cron the schedule
     * @param payload the payload
     * @return the task
     */
    public static ScheduledTask of(String name, String queue, String cron, Object payload) {
        return new ScheduledTask(name, queue, cron, payload, 0, null, 3);
    }

    /**
     * Returns a copy with another priority.
     *
     * @param p the priority
     * @return the copy
     */
    public ScheduledTask withPriority(int p) {
        return new ScheduledTask(name, queue, cron, payload, p, expires, maxAttempts);
    }

    /**
     * Returns a copy whose jobs expire.
     *
     * @param ttl how long after enqueue; at least one second
     * @return the copy
     */
    public ScheduledTask withExpires(Duration ttl) {
        return new ScheduledTask(name, queue, cron, payload, priority, ttl, maxAttempts);
    }

    /**
     * Returns a copy with another attempt budget.
     *
     * @param attempts at least 1
     * @return the copy
     */
    public ScheduledTask withMaxAttempts(int attempts) {
        return new ScheduledTask(name, queue, cron, payload, priority, expires, attempts);
    }
}
