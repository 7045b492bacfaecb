package io.honkerj.jdbi.worker;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The claimed jobs of one queue waiting for a runner, in claim order, and the runners waiting for them.
 *
 * <p>Adding jobs wakes at most one waiting runner per job, and one fewer when the thread adding them is a
 * runner that takes the next job itself (a runner that made room claims the next batch and runs its first
 * job without handing it over): a batch of 1 claimed by a runner wakes nobody, a batch of 32 wakes only as
 * many idle runners as it has jobs for the others. A runner that finds jobs waiting takes one without
 * waiting. Counts the wake-ups, for tests ({@link #wakeups()}).
 */
final class RunQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final ArrayDeque<Held> jobs = new ArrayDeque<>(); // guarded by lock
    private int waiting; // guarded by lock: runners blocked in take()
    private long wakeups; // guarded by lock

    /**
     * Adds jobs at the end and wakes a waiting runner for each, less one if {@code selfTakes}.
     *
     * @param batch the jobs, in claim order
     * @param selfTakes whether the calling runner takes the next job itself right after
     */
    void addAll(List<Held> batch, boolean selfTakes) {
        if (batch.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            jobs.addAll(batch);
            int wake = Math.min(waiting, batch.size() - (selfTakes ? 1 : 0));
            for (int i = 0; i < wake; i++) {
                nonEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds one entry (a job given back, or a runner's stop marker) and wakes one waiting runner.
     *
     * @param h the entry
     */
    void add(Held h) {
        lock.lock();
        try {
            jobs.add(h);
            nonEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the first entry, waiting for one.
     *
     * @return it
     * @throws InterruptedException if interrupted while waiting
     */
    Held take() throws InterruptedException {
        lock.lock();
        try {
            while (jobs.isEmpty()) {
                waiting++;
                try {
                    nonEmpty.await();
                } finally {
                    waiting--;
                }
                wakeups++;
            }
            return jobs.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every entry waiting into {@code to}.
     *
     * @param to where to
     */
    void drainTo(Collection<Held> to) {
        lock.lock();
        try {
            to.addAll(jobs);
            jobs.clear();
        } finally {
            lock.unlock();
        }
    }

    /** @return how many times a runner waiting in {@link #take()} woke (signalled, interrupted or spuriously) */
    long wakeups() {
        lock.lock();
        try {
            return wakeups;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many runners wait in {@link #take()} now */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }
}
