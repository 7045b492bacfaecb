package io.honkerj.jdbi.internal;

import java.time.Duration;

/**
 * Waits for the database to change, for operations that block until a condition holds (a lock is freed,
 * a result appears). Create the waiter before checking the condition, then check, then await: a change
 * that lands in between is not lost.
 */
public interface ChangeWaiter extends AutoCloseable {

    /**
     * Waits until the database may have changed, or at most {@code max}.
     *
     * @param max the longest wait
     * @return true if woken by a change, false if the time ran out
     * @throws InterruptedException if interrupted
     */
    boolean await(Duration max) throws InterruptedException;

    @Override
    void close();
}
