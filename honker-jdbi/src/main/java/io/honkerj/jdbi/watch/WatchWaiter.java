package io.honkerj.jdbi.watch;

import io.honkerj.api.DatabaseReplacedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A waiter on a {@link ChangeWatcher} with a capacity-1 "changed" flag: bursts of commits coalesce into one
 * wake, and a commit that lands after the waiter was created but before {@link #await} returns at once.
 */
final class WatchWaiter implements ChangeWaiter {
    private final ChangeWatcher watcher;
    private final ChangeWatcher.Ref owned;
    private boolean changed;
    private boolean closed;

    WatchWaiter(ChangeWatcher watcher, ChangeWatcher.Ref owned) {
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
            owned.close();
        }
    }
}
