package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.WorkerListener;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
import io.honkerj.jdbi.internal.Session;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.result.ResultDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles finished jobs: applies the outcomes waiting (ack with result, retry, dead-letter, release) all in
 * one write transaction, so short jobs cost a fraction of a transaction each; the acks of a burst are one
 * statement per queue ({@code ackBatchIds}), not one per job. Listener calls follow the commit.
 *
 * <p>A thread about to claim (a queue's dispatcher, or a runner that made room) takes the outcomes waiting
 * ({@link #takeWaiting()}) and applies them in its claim's transaction, so with short jobs one transaction
 * both settles a batch and claims the next. Acks therefore wait up to {@value #ACK_DEFER_MICROS} µs for
 * such a claim before this loop applies them itself; any other outcome, and everything once
 * {@link #finish()} is called, is applied at once.
 */
final class Completer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    /** How long an ack waits for a claim transaction to carry it. */
    static final long ACK_DEFER_MICROS = 1000;
    private static final long ACK_DEFER_NANOS = ACK_DEFER_MICROS * 1000;

    private final Database db;
    private final WorkerListener listener;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Outcome> waiting = new ArrayList<>(); // guarded by lock
    private long oldestAt; // guarded by lock: when the oldest waiting outcome came
    private boolean urgent; // guarded by lock: an outcome that is not an ack waits
    private boolean finishing; // guarded by lock

    Completer(Database db, WorkerListener listener) {
        this.db = db;
        this.listener = listener;
    }

    void submit(Outcome outcome) {
        outcome.held().finished = true;
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                oldestAt = System.nanoTime();
                arrived.signal();
            }
            waiting.add(outcome);
            if (!(outcome instanceof Outcome.Ack) && !urgent) {
                urgent = true;
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Applies everything waiting at once from now on, and ends the loop once nothing is left. */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes every outcome waiting, for a claim transaction to apply with {@link #applyIn}, then
     * {@link #settled} after its commit, or {@link #resubmit} if it fails.
     */
    List<Outcome> takeWaiting() {
        lock.lock();
        try {
            return takeAll();
        } finally {
            lock.unlock();
        }
    }

    private List<Outcome> takeAll() {
        List<Outcome> taken = new ArrayList<>(waiting);
        waiting.clear();
        urgent = false;
        return taken;
    }

    /** Gives back outcomes taken by {@link #takeWaiting()} whose transaction failed: this loop applies them now. */
    void resubmit(List<Outcome> taken) {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                oldestAt = System.nanoTime();
            }
            waiting.addAll(taken);
            urgent = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void run() {
        while (true) {
            List<Outcome> burst;
            try {
                burst = awaitBurst();
            } catch (InterruptedException e) {
                finish(); // apply what is there, then end
                continue;
            }
            if (burst == null) {
                return;
            }
            try {
                apply(burst);
            } catch (RuntimeException | Error e) { // the pool's only settler must outlive anything
                log.error("Worker completer carries on after an unexpected error", e);
            }
        }
    }

    /** Waits until what is waiting should be applied, and takes it; null once finishing with nothing left. */
    private List<Outcome> awaitBurst() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (waiting.isEmpty()) {
                    if (finishing) {
                        return null;
                    }
                    arrived.await();
                    continue;
                }
                long left = oldestAt + ACK_DEFER_NANOS - System.nanoTime();
                if (urgent || finishing || left <= 0) {
                    return takeAll();
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The acks of one burst that share a statement: same queue, same claiming worker. */
    private record AckGroup(String queue, String workerId) {}

    /** Applies a burst in its own transaction, with whatever else came while it waited for the write gate. */
    private void apply(List<Outcome> burst) {
        boolean[] ok;
        try {
            ok = db.write(s -> {
                lock.lock();
                try {
                    burst.addAll(takeAll());
                } finally {
                    lock.unlock();
                }
                return applyIn(s, burst);
            });
        } catch (RuntimeException e) {
            // one bad outcome (a result too big for SQLite, say) must not take the others down with it
            log.warn("Settling {} finished jobs together failed; settling them one by one", burst.size(), e);
            for (Outcome o : burst) {
                applyOne(o);
            }
            return;
        }
        settled(burst, ok);
    }

    private void applyOne(Outcome o) {
        List<Outcome> one = List.of(o);
        try {
            settled(one, db.write(s -> applyIn(s, one)));
        } catch (RuntimeException e) {
            log.error("Could not settle {}; it runs again after its lease", o.held().job, e);
            o.held().owner.settled(o.held());
        }
    }

    /**
     * Applies outcomes (ack with result, retry, dead-letter, release) inside the caller's write transaction:
     * the acks in one statement per queue, the rest one job at a time.
     *
     * @return for each outcome, whether its claim still held (false: lost)
     */
    boolean[] applyIn(Session s, List<Outcome> burst) {
        HandleDatabase tx = HandleDatabase.joining(db, s);
        Map<String, JdbiQueue> queues = new HashMap<>();
        boolean[] ok = new boolean[burst.size()];
        Map<AckGroup, List<Integer>> acks = new LinkedHashMap<>();
        for (int i = 0; i < burst.size(); i++) {
            Outcome o = burst.get(i);
            Job job = o.held().job;
            if (o instanceof Outcome.Ack) {
                acks.computeIfAbsent(new AckGroup(job.queue(), job.workerId()), g -> new ArrayList<>()).add(i);
                continue;
            }
            JdbiQueue q = queue(queues, tx, job.queue());
            if (o instanceof Outcome.Retry r) {
                ok[i] = q.retry(job.id(), job.workerId(), r.delay(), r.error());
            } else if (o instanceof Outcome.Dead d) {
                ok[i] = q.fail(job.id(), job.workerId(), d.error());
            } else {
                ok[i] = q.release(job.id(), job.workerId());
            }
        }
        for (Map.Entry<AckGroup, List<Integer>> group : acks.entrySet()) {
            ack(s.dao(ResultDao.class), queue(queues, tx, group.getKey().queue()), group.getKey().workerId(),
                    burst, group.getValue(), ok, tx.nowSeconds());
        }
        return ok;
    }

    /** After the commit of {@link #applyIn}: stop heartbeating the jobs, then tell the listener. */
    void settled(List<Outcome> burst, boolean[] ok) {
        for (int i = 0; i < burst.size(); i++) {
            Outcome o = burst.get(i);
            o.held().owner.settled(o.held());
            notifyListener(o, ok[i]);
        }
    }

    private static JdbiQueue queue(Map<String, JdbiQueue> queues, HandleDatabase tx, String name) {
        return queues.computeIfAbsent(name, n -> new JdbiQueue(tx, n, QueueOptions.defaults()));
    }

    /**
     * Acks the burst's jobs at {@code indexes} (all of one queue and worker) in one statement, marks in
     * {@code ok} those whose claim held, and stores their results, if any.
     */
    private static void ack(ResultDao results, JdbiQueue q, String workerId, List<Outcome> burst,
            List<Integer> indexes, boolean[] ok, long now) {
        List<Long> ids = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            ids.add(burst.get(i).held().job.id());
        }
        Set<Long> acked = q.ackBatchIds(ids, workerId);
        for (int i : indexes) {
            Outcome.Ack a = (Outcome.Ack) burst.get(i);
            ok[i] = acked.contains(a.held().job.id());
            if (ok[i] && a.resultJson() != null) {
                results.save(a.held().job.id(), a.resultJson(),
                        JdbiResults.expiresAt(a.held().owner.options().resultTtl(), now), now);
            }
        }
    }

    private void notifyListener(Outcome o, boolean settled) {
        Job job = o.held().job;
        try {
            if (!settled) {
                o.held().owner.reportLost(o.held()); // cancelled, or lost to its lease
                return;
            }
            if (o instanceof Outcome.Ack a) {
                listener.jobSucceeded(job, a.took());
            } else if (o instanceof Outcome.Retry r) {
                listener.jobFailed(job, r.took(), r.cause(), r.delay());
            } else if (o instanceof Outcome.Dead d) {
                listener.jobDeadLettered(job, d.took(), d.cause());
            } else {
                listener.jobReleased(job);
            }
        } catch (RuntimeException | Error e) {
            log.warn("Worker listener threw for {}", job, e);
        }
    }
}
