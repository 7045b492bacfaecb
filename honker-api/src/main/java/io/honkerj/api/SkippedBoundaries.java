package io.honkerj.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Boundaries of one task that a leading scheduler's tick did not fire, under its {@link MisfirePolicy}:
 * they passed while no leader ran, and will never fire.
 *
 * @param name the task name
 * @param queue the task's queue
 * @param count how many boundaries were skipped, at least 1: exact for {@code @every} schedules; a cron
 *     expression's boundaries are counted one by one up to {@value #MAX_COUNTED}, so a longer outage of a
 *     fine-grained cron schedule reports {@value #MAX_COUNTED}, a lower bound ({@code first} and {@code last}
 *     still span them all)
 * @param first the first skipped boundary
 * @param last the last skipped boundary
 * @param policy the policy that skipped them
 */
public record SkippedBoundaries(String name, String queue, long count, Instant first, Instant last,
        MisfirePolicy policy) {

    /** The most boundaries counted one by one for {@link #count()}. */
    public static final long MAX_COUNTED = 10_000;

    /**
     * Validates the values.
     *
     * @param name the task name
     * @param queue the task's queue
     * @param count how many boundaries were skipped, at least 1
     * @param first the first skipped boundary
     * @param last the last skipped boundary, not before {@code first}
     * @param policy the policy that skipped them
     * @throws IllegalArgumentException if {@code count} is below 1 or {@code last} is before {@code first}
     */
    public SkippedBoundaries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(policy, "policy");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("last " + last + " is before first " + first);
        }
    }
}
