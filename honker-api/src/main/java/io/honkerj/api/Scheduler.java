package io.honkerj.api;

import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The cron scheduler: recurring tasks in {@code _honker_scheduler_tasks} that enqueue jobs when they fire.
 * Any number of processes may {@link #run} it; the holder of the {@code honker-scheduler} lock enqueues,
 * the others stand by and take over within one lock TTL when the leader dies.
 */
public interface Scheduler {

    /** The advisory lock the leader holds, as upstream: {@value}. */
    String LEADER_LOCK = "honker-scheduler";

    /**
     * Adds or replaces a task by name; a paused task stays paused. The next fire is the first boundary
     * after now.
     *
     * @param task the task
     * @throws InvalidCronException if the cron expression is invalid (naming the field and value)
     */
    void add(ScheduledTask task);

    /**
     * Removes a task.
     *
     * @param name the task name
     * @return true if it existed
     */
    boolean remove(String name);

    /** @return every task, by name */
    List<ScheduledTaskInfo> list();

    /**
     * Pauses a task.
     *
     * @param name the task name
     * @return true if it was running
     */
    boolean pause(String name);

    /**
     * Resumes a paused task. Its next fire is computed from now: boundaries missed while paused are not
     * back-filled (upstream back-fills up to 64, spec section 4 item 8).
     *
     * @param name the task name
     * @return true if it was paused
     */
    boolean resume(String name);

    /**
     * Fires every due task once per boundary passed (at most 64 per task; beyond that the schedule skips
     * to the next boundary after {@code now}), in one transaction. {@link #run} calls this as leader;
     * tests call it with a moved clock.
     *
     * @param now the moment to fire up to
     * @return what fired
     */
    List<ScheduledFire> tick(Instant now);

    /**
     * Runs the scheduler until {@code stop} says so: takes (or waits for) leadership, renews it, fires due
     * tasks, and sleeps until the soonest next fire or a change. A standby keeps trying to take over.
     * Releases leadership on return.
     *
     * @param owner this process's owner name for the leader lock; not blank
     * @param stop checked at least every second
     * @throws InterruptedException if interrupted
     */
    void run(String owner, BooleanSupplier stop) throws InterruptedException;
}
