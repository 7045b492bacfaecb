package io.honkerj.jdbi.watch;

import java.time.Duration;

/**
 * Waits for the database to change, for operations that block until a condition holds (a lock is freed,
 * a result appears). Create the waiter before checking the condition, then check, then await: a change
 * that lands in between is not lost.
 */
public interface ChangeWaiter extends AutoCloseable {

    /**
     * The longest a caller should wait before re-checking its condition anyway: a lost wake-up can only
     * delay by this much, never hang.
     */
    Duration FALLBACK = Duration.ofSeconds(1);

    /**
     * Returns a waiter that cannot see changes and only sleeps (for memory databases, where no other
     * process can write).
     *
     * @return the waiter
     */
    static ChangeWaiter polling() {
        return new PollingWaiter();
    }

    /**
     * Waits until the database may have changed, at most {@code left} and at most {@link #FALLBACK}.
     *
     * @param left time left before the caller gives up
     * @return true if woken by a change
     * @throws InterruptedException if interrupted
     */
    default boolean awaitAtMost(Duration left) throws InterruptedException {
        return await(left.compareTo(FALLBACK) < 0 ? left : FALLBACK);
    }

    /**
     * Waits until the database may have changed, or at most {@code max}.
     *
     * @param max the longest wait
     * @return true if woken by a change (one since the waiter was created or since the last await that
     *     returned true: a burst of changes counts once), false if the time ran out or the waiter was closed
     * @throws InterruptedException if interrupted
     * @throws io.honkerj.api.DatabaseReplacedException if the watched file was deleted or replaced
     */
    boolean await(Duration max) throws InterruptedException;

    /**
     * Wakes a thread blocked in {@link #await} on this waiter as a change would (or makes the next await
     * return true at once): for a sender in this JVM that hands something to the waiting side directly.
     */
    void wake();

    /**
     * Closes the waiter. A thread blocked in {@link #await} on it returns at once (false unless a change had
     * already been flagged), and later calls return the same way without waiting. Idempotent.
     */
    @Override
    void close();
}
