package io.honkerj.jdbi.watch;

import java.time.Duration;

/**
 * The waiter used when no change watcher is available: it cannot see changes, so it waits, starting at
 * 5 ms and doubling up to 200 ms, never longer than asked. Callers re-check their condition after each
 * wait, so a change is noticed within the current step. {@link #close()} wakes a waiting thread at once.
 */
final class PollingWaiter implements ChangeWaiter {
    private static final long MAX_STEP_MILLIS = 200;
    private long stepMillis = 5;
    private boolean closed;
    private boolean woken;

    @Override
    public synchronized boolean await(Duration max) throws InterruptedException {
        long millis = Math.max(0, Math.min(max.toMillis(), stepMillis));
        stepMillis = Math.min(MAX_STEP_MILLIS, stepMillis * 2);
        if (millis > 0 && !closed && !woken) {
            wait(millis);
        }
        boolean was = woken;
        woken = false;
        return was;
    }

    @Override
    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
