package io.honkerj.jdbi.internal;

import java.time.Duration;

/**
 * The waiter used when no change watcher is available: it cannot see changes, so it sleeps, starting at
 * 5 ms and doubling up to 200 ms, and never longer than asked. Callers re-check their condition after each
 * wait, so a change is noticed within the current step.
 */
final class PollingWaiter implements ChangeWaiter {
    private static final long MAX_STEP_MILLIS = 200;
    private long stepMillis = 5;

    @Override
    public boolean await(Duration max) throws InterruptedException {
        long millis = Math.max(0, Math.min(max.toMillis(), stepMillis));
        stepMillis = Math.min(MAX_STEP_MILLIS, stepMillis * 2);
        if (millis > 0) {
            Thread.sleep(millis);
        }
        return false;
    }

    @Override
    public void close() {
        // nothing held
    }
}
