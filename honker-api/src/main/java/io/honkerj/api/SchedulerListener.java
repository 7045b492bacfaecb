package io.honkerj.api;

/**
 * Hears what a {@link Scheduler} does: fires, skipped boundaries and leadership changes, to feed metrics or
 * logs. Install it with {@link Scheduler.Builder#listener}. Every method has an empty default; calls come
 * from the thread running the scheduler (in {@link Scheduler#run} or {@link Scheduler#tick}), after the
 * transaction that fired or skipped has committed (on a honker attached to a handle, once it ran in the
 * caller's transaction, which may still roll back). Keep them short; an exception a listener throws is
 * logged and ignored.
 */
public interface SchedulerListener {

    /**
     * A task fired for one boundary: its job is enqueued.
     *
     * @param fire the boundary and the job
     */
    default void fired(ScheduledFire fire) {}

    /**
     * A tick passed over boundaries of a task without firing them, as its {@link MisfirePolicy} says; they
     * will never fire. Also logged (warning) whether or not a listener is installed.
     *
     * @param skipped the task, how many boundaries and their span
     */
    default void skipped(SkippedBoundaries skipped) {}

    /**
     * This scheduler took the {@value Scheduler#LEADER_LOCK} lock and leads: it fires due tasks.
     *
     * @param owner this scheduler's owner name
     */
    default void leadershipAcquired(String owner) {}

    /**
     * This scheduler lost leadership without giving it up: its lease could not be renewed (it expired, or
     * another owner holds it). It stands by again.
     *
     * @param owner this scheduler's owner name
     */
    default void leadershipLost(String owner) {}

    /**
     * This scheduler gave leadership up because {@link Scheduler#run} is returning: the lock is released, so
     * a standby takes over at once.
     *
     * @param owner this scheduler's owner name
     */
    default void leadershipReleased(String owner) {}
}
