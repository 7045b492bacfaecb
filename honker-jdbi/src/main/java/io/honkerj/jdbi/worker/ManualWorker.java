package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.RetryLaterException;
import io.honkerj.api.WorkerListener;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.result.ResultDao;
import io.honkerj.jdbi.internal.HandleDatabase;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a builder's registered handlers synchronously, on the calling thread, for tests (in the spirit of
 * db-scheduler's {@code ManualScheduler} and {@code Oban.Testing.drain_queue}): {@link #drain(String)}
 * claims every job of the queue that is due now, runs its handler, and acks, retries (with the queue's
 * {@link io.honkerj.api.RetryPolicy}) or dead-letters it exactly as a pool would, transactional handlers
 * inside their ack's transaction. A job retried is not run again in the same drain: move the test's clock
 * past its backoff and drain again. Timeouts, heartbeats and rate limits do not apply.
 *
 * <p>Get one from {@link PoolBuilder#manual()}: {@code honker.workers().handle(...).manual()}.
 */
public final class ManualWorker {
    private static final String WORKER_ID = "honker-manual";

    private final Database db;
    private final Map<String, PoolBuilder.Registration> registrations;
    private final WorkerListener listener;

    ManualWorker(Database db, Map<String, PoolBuilder.Registration> registrations, WorkerListener listener) {
        this.db = db;
        this.registrations = Map.copyOf(registrations);
        this.listener = listener;
    }

    /** @return the queues it has handlers for */
    public Set<String> queues() {
        return registrations.keySet();
    }

    /**
     * Runs every job of every registered queue that is due now (see {@link #drain(String)}), queue after
     * queue, until none is due; jobs one handler enqueues for another queue run too.
     *
     * @return the counts over all queues
     */
    public Drained drainAll() {
        int ok = 0;
        int failed = 0;
        int dead = 0;
        int cancelled = 0;
        while (true) {
            int ran = 0;
            for (String queue : registrations.keySet()) {
                Drained d = drain(queue);
                ok += d.succeeded();
                failed += d.failed();
                dead += d.dead();
                cancelled += d.cancelled();
                ran += d.total() - d.failed();
            }
            if (ran == 0) {
                return new Drained(ok, failed, dead, cancelled);
            }
        }
    }

    /**
     * Runs every job of the queue that is due now through its handler, one at a time on this thread, until
     * none is due, and settles each as a pool would.
     *
     * @param queue a queue with a registered handler
     * @return how many succeeded, failed (rescheduled), died and were found gone
     * @throws IllegalArgumentException if no handler was registered for the queue
     */
    public Drained drain(String queue) {
        PoolBuilder.Registration r = registrations.get(queue);
        if (r == null) {
            throw new IllegalArgumentException("no handler registered for queue '" + queue + "'; registered: "
                    + registrations.keySet());
        }
        JdbiQueue jobs = new JdbiQueue(db, queue, new QueueOptions(r.options().lease(),
                QueueOptions.DEFAULT_MAX_ATTEMPTS));
        int ok = 0;
        int failed = 0;
        int dead = 0;
        int cancelled = 0;
        Set<Long> ran = new HashSet<>();
        while (true) {
            Optional<Job> next = jobs.claimOne(WORKER_ID);
            if (next.isEmpty()) {
                break;
            }
            Job job = next.get();
            if (!ran.add(job.id())) { // retried with no delay: run again by the next drain, not this one
                jobs.release(job.id(), job.workerId());
                break;
            }
            switch (runOne(r, jobs, job)) {
                case SUCCEEDED -> ok++;
                case FAILED -> failed++;
                case DEAD -> dead++;
                case GONE -> cancelled++;
            }
        }
        return new Drained(ok, failed, dead, cancelled);
    }

    private enum End { SUCCEEDED, FAILED, DEAD, GONE }

    private End runOne(PoolBuilder.Registration r, JdbiQueue jobs, Job job) {
        safely(() -> listener.jobStarted(job));
        long start = System.nanoTime();
        try {
            if (r.handler() instanceof JsonJobHandler.InTransaction tx) {
                if (!QueueWorker.ackAndRun(db, job, jobs.options(), tx, r.options().resultTtl(), () -> { })) {
                    return End.GONE;
                }
            } else {
                String result = r.handler().handle(job);
                if (!ack(jobs, job, result, r.options().resultTtl())) {
                    return End.GONE;
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            safely(() -> listener.jobSucceeded(job, took));
            return End.SUCCEEDED;
        } catch (Exception | Error e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (e instanceof JsonJobHandler.Unrunnable
                    || r.options().retry().exhausted(job.attempts(), job.maxAttempts())) {
                String text = e instanceof JsonJobHandler.Unrunnable ? e.getMessage() : ErrorText.of(e);
                if (!jobs.fail(job.id(), job.workerId(), text)) {
                    return End.GONE;
                }
                safely(() -> listener.jobDeadLettered(job, took, e));
                return End.DEAD;
            }
            Duration delay = e instanceof RetryLaterException later
                    ? later.delay()
                    : r.options().retry().delayAfter(job.attempts(), ThreadLocalRandom.current());
            if (!jobs.retry(job.id(), job.workerId(), delay, ErrorText.of(e))) {
                return End.GONE;
            }
            safely(() -> listener.jobFailed(job, took, e, delay));
            return End.FAILED;
        }
    }

    private boolean ack(JdbiQueue jobs, Job job, String resultJson, Duration ttl) {
        return db.write(s -> {
            JdbiQueue tx = new JdbiQueue(HandleDatabase.joining(db, s), job.queue(), jobs.options());
            if (!tx.ack(job.id(), job.workerId())) {
                return false;
            }
            if (resultJson != null) {
                long now = db.nowSeconds();
                s.dao(ResultDao.class).save(job.id(), resultJson, JdbiResults.expiresAt(ttl, now), now);
            }
            return true;
        });
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException | Error e) {
            org.slf4j.LoggerFactory.getLogger(ManualWorker.class).warn("Worker listener threw", e);
        }
    }

    @Override
    public String toString() {
        return "ManualWorker" + registrations.keySet();
    }
}
