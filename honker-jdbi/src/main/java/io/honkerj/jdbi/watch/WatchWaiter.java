package io.honkerj.jdbi.watch;

import io.honkerj.api.DatabaseReplacedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A waiter on a {@link ChangeWatcher} (SQLite) or a {@link ListenWatcher} (PostgreSQL) with a capacity-1
 * "changed" flag: bursts of commits coalesce into one wake, and a commit that lands after the waiter was
 * created but before {@link #await} returns at once.
 */
final class WatchWaiter implements ChangeWaiter {
    private final Source watcher;
    private final Runnable owned;
    private boolean changed;
    private boolean closed;

    /** What a waiter needs from the watcher that wakes it. */
    interface Source {
        /** A waiter is about to block. */
        void blocking();

        /** A waiter stopped blocking. */
        void unblocked();

        /** @return why the watcher stopped for good, or null */
        DatabaseReplacedException failure();

        /** Forgets a closed waiter. */
        void remove(WatchWaiter w);
    }

    /**
     * @param watcher the watcher that wakes it
     * @param owned run once when the waiter closes (releases a reference the waiter owns), or null
     */
    WatchWaiter(Source watcher, Runnable owned) {
        this.watcher = watcher;
        this.owned = owned;
    }

    @Override
    public synchronized void wake() {
        changed = true;
        notifyAll();
    }

    @Override
    public synchronized boolean await(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        if (!changed && !closed && watcher.failure() == null && max.toNanos() > 0) {
            watcher.blocking();
            try {
                while (!changed && !closed && watcher.failure() == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } finally {
                watcher.unblocked();
            }
        }
        DatabaseReplacedException failure = watcher.failure();
        if (failure != null) {
            throw new DatabaseReplacedException(failure.file(), failure.what());
        }
        boolean was = changed;
        changed = false;
        return was;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        watcher.remove(this);
        if (owned != null) {
            owned.run();
        }
    }
}
