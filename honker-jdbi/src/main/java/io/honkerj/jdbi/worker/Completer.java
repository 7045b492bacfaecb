package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.WorkerListener;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.result.ResultDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles finished jobs: takes every outcome waiting and applies them all in one write transaction (ack
 * with result, retry, dead-letter, release), so short jobs cost a fraction of a transaction each. Listener
 * calls follow the commit.
 */
final class Completer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    private static final int MAX_BURST = 512;

    private final Database db;
    private final WorkerListener listener;
    /** Put last by {@link #finish()}: everything before it is applied, then the loop ends. */
    private static final Outcome STOP = new Outcome.Release(null);

    private final LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    Completer(Database db, WorkerListener listener) {
        this.db = db;
        this.listener = listener;
    }

    void submit(Outcome outcome) {
        outcomes.add(outcome);
    }

    /** Ends the loop once every outcome submitted so far is applied. */
    void finish() {
        outcomes.add(STOP);
    }

    @Override
    public void run() {
        List<Outcome> burst = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                burst.add(outcomes.take());
            } catch (InterruptedException e) {
                stop = true; // apply what is there, then end
            }
            outcomes.drainTo(burst, MAX_BURST - burst.size());
            stop |= burst.remove(STOP);
            if (!burst.isEmpty()) {
                apply(burst);
            }
            burst.clear();
        }
    }

    private void apply(List<Outcome> burst) {
        boolean[] settled;
        try {
            settled = db.write(s -> {
                HandleDatabase tx = new HandleDatabase(s, db.settings(), db.file().orElse(null));
                Map<String, JdbiQueue> queues = new HashMap<>();
                boolean[] ok = new boolean[burst.size()];
                for (int i = 0; i < burst.size(); i++) {
                    Outcome o = burst.get(i);
                    Job job = o.held().job;
                    JdbiQueue q = queues.computeIfAbsent(job.queue(),
                            name -> new JdbiQueue(tx, name, QueueOptions.defaults()));
                    if (o instanceof Outcome.Ack a) {
                        ok[i] = ack(s.dao(ResultDao.class), q, job, a, tx.nowSeconds());
                    } else if (o instanceof Outcome.Retry r) {
                        ok[i] = q.retry(job.id(), job.workerId(), r.delay(), r.error());
                    } else if (o instanceof Outcome.Dead d) {
                        ok[i] = q.fail(job.id(), job.workerId(), d.error());
                    } else {
                        ok[i] = q.release(job.id(), job.workerId());
                    }
                }
                return ok;
            });
        } catch (RuntimeException e) {
            log.error("Could not settle {} finished jobs; they run again after their leases", burst.size(), e);
            for (Outcome o : burst) {
                o.held().owner.settled(o.held());
            }
            return;
        }
        for (int i = 0; i < burst.size(); i++) {
            Outcome o = burst.get(i);
            o.held().owner.settled(o.held());
            notifyListener(o, settled[i]);
        }
    }

    private static boolean ack(ResultDao results, JdbiQueue q, Job job, Outcome.Ack a, long now) {
        if (!q.ack(job.id(), job.workerId())) {
            return false;
        }
        if (a.resultJson() != null) {
            results.save(job.id(), a.resultJson(),
                    JdbiResults.expiresAt(a.held().owner.options().resultTtl(), now), now);
        }
        return true;
    }

    private void notifyListener(Outcome o, boolean settled) {
        Job job = o.held().job;
        try {
            if (!settled) {
                log.warn("Lost the claim on {} before settling it; its current holder decides", job);
                listener.claimLost(job);
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
        } catch (RuntimeException e) {
            log.warn("Worker listener threw for {}", job, e);
        }
    }
}
