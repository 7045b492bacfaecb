package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The cron scheduler: recurring tasks in {@code _honker_scheduler_tasks} that enqueue jobs when they fire.
 * Any number of processes may {@link #run} it; the holder of the {@value #LEADER_LOCK} lock enqueues, the
 * others stand by.
 *
 * <p>What is guaranteed, in any mix of processes and of upstream's bindings sharing the file:
 * <ul>
 *   <li>No boundary fires twice: a tick moves a task's {@code next_fire_at} past the boundaries it fires in
 *       the same transaction as their jobs.</li>
 *   <li>A boundary is missed only when no tick ran for it in time (no leader, or a stalled one), and then
 *       only as the leader's {@link MisfirePolicy} says; every skipped boundary is logged and reported to
 *       {@link SchedulerListener#skipped}.</li>
 *   <li>A leader that stops ({@link #run} returning) releases the lock at once, and a standby takes over as
 *       soon as it sees the commit (within {@link #STANDBY_POLL}). A leader that dies holds the lock until
 *       its lease runs out, at most the leader TTL plus one second after its last renewal; a standby wakes
 *       when that lease ends and takes over.</li>
 * </ul>
 * Build one with options through {@link Honker#schedulerBuilder()}.
 */
public interface Scheduler {

    /** The advisory lock the leader holds, as upstream: {@value}. */
    String LEADER_LOCK = "honker-scheduler";

    /**
     * The leader lock's lease, upstream's 60 s: a dead leader's successor takes over at most this plus 2 s
     * after its death.
     */
    Duration DEFAULT_LEADER_TTL = Duration.ofSeconds(60);

    /**
     * The longest a standby goes without checking the leader lock: it checks on every commit to the file
     * (so it sees a released lock at once), when the holder's lease ends, and at least this often (a read;
     * it writes only to take the lock). Upstream's standbys retry every 5 s.
     */
    Duration STANDBY_POLL = Duration.ofSeconds(1);

    /** Upstream's behaviour for missed boundaries. */
    MisfirePolicy DEFAULT_MISFIRE_POLICY = MisfirePolicy.CATCH_UP_CAPPED;

    /**
     * Adds or replaces a task by name; a paused task stays paused. A new task, or one whose cron expression
     * changed, next fires at the first boundary after now; a task that exists with the same expression keeps
     * its next fire, so every process may add its tasks at start-up without dropping a boundary.
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
     * Fires every due task once per boundary passed, as this scheduler's {@link MisfirePolicy} says (by
     * default at most 64 per task; beyond that the schedule skips to the next boundary after {@code now}),
     * each task's fires and its new next fire committed together. Skipped boundaries are logged and reported
     * to the listener. {@link #run} calls this as leader; tests call it with a moved clock.
     *
     * @param now the moment to fire up to
     * @return what fired
     */
    List<ScheduledFire> tick(Instant now);

    /**
     * Runs the scheduler until {@code stop} says so: takes (or waits for) leadership, renews it (at least
     * every third of the leader TTL), fires due tasks, and sleeps until the soonest next fire or a change. A
     * standby checks the lock on every commit, when the holder's lease ends, and at least every
     * {@link #STANDBY_POLL}. Releases leadership on return, so a standby takes over at once.
     *
     * @param owner this process's owner name for the leader lock; not blank
     * @param stop checked at least every second
     * @throws InterruptedException if interrupted
     */
    void run(String owner, BooleanSupplier stop) throws InterruptedException;

    /**
     * Options of a scheduler, from {@link Honker#schedulerBuilder()}. Each setter checks its value.
     */
    interface Builder {

        /**
         * Sets the zone cron expressions are read in (default: the system zone, as upstream).
         *
         * @param zone the zone
         * @return this builder
         */
        Builder zone(ZoneId zone);

        /**
         * Sets the leader lock's lease (default {@link #DEFAULT_LEADER_TTL}, upstream's 60 s, so a mixed
         * deployment behaves as upstream's). A shorter TTL hands over sooner after a leader dies; the leader
         * renews at least every third of it.
         *
         * @param ttl at least 3 seconds
         * @return this builder
         */
        Builder leaderTtl(Duration ttl);

        /**
         * Sets what this scheduler, when it leads, does with boundaries that passed unfired (default
         * {@link #DEFAULT_MISFIRE_POLICY}, upstream's).
         *
         * @param policy the policy
         * @return this builder
         */
        Builder misfirePolicy(MisfirePolicy policy);

        /**
         * Sets who hears fires, skipped boundaries and leadership changes (default: nobody; skipped
         * boundaries and leadership changes are logged regardless).
         *
         * @param listener the listener
         * @return this builder
         */
        Builder listener(SchedulerListener listener);

        /** @return the scheduler; nothing is written until it is used */
        Scheduler build();
    }
}
