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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles finished jobs: takes every outcome waiting and applies them all in one write transaction (ack
 * with result, retry, dead-letter, release), so short jobs cost a fraction of a transaction each. The acks
 * of a burst are one statement per queue ({@code ackBatchIds}), not one per job. Listener calls follow the
 * commit.
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

    /** The acks of one burst that share a statement: same queue, same claiming worker. */
    private record AckGroup(String queue, String workerId) {}

    private void apply(List<Outcome> burst) {
        boolean[] settled;
        try {
            settled = db.write(s -> {
                HandleDatabase tx = new HandleDatabase(s, db.settings(), db.file().orElse(null));
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
