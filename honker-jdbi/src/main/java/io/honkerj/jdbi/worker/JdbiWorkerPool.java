package io.honkerj.jdbi.worker;

import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running {@link WorkerPool}: its queue workers, runner executor, completer and heartbeat scheduler. */
final class JdbiWorkerPool implements WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(JdbiWorkerPool.class);
    /** How long interrupted handlers get to stop before their jobs are left to their leases. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final Map<String, QueueWorker> workers = new LinkedHashMap<>();
    private final ExecutorService runners;
    private final Completer completer;
    private final Thread completerThread;
    private final ScheduledExecutorService beats;
    private final ScheduledExecutorService stats;
    /** Fires handler timeouts (its own thread: a heartbeat waiting for the write lock must not delay them). */
    private final ScheduledExecutorService timers;
    /** Threads of this pool while they run: shutdown called on one of them must not wait for itself. */
    private final Set<Thread> poolThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean shutdownStarted; // written under this
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean clean;
    /** When running handlers get interrupted (guarded by this). */
    private long deadline;
    /** How often a shutdown under way looks whether its deadline was brought forward. */
    private static final long DEADLINE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private Thread hook;
    /** Where this pool is registered while it runs (its honker's pools). */
    private final Set<WorkerPool> running;

    private JdbiWorkerPool(Database db, String prefix, Collection<PoolBuilder.Registration> registrations,
            WorkerListener listener, Set<WorkerPool> running) {
        this.running = running;
        this.completer = new Completer(db, listener);
        int threads = 0;
        for (PoolBuilder.Registration r : registrations) {
            workers.put(r.queue(), worker(db, prefix, r, listener));
            threads += r.options().concurrency();
        }
        this.runners = WorkerThreads.newExecutor("honker-worker", threads);
        this.completerThread = new Thread(() -> QueueWorker.inPool(poolThreads, completer), "honker-completer");
        this.beats = Executors.newSingleThreadScheduledExecutor(WorkerThreads.named("honker-heartbeat", true));
        this.stats = Executors.newSingleThreadScheduledExecutor(WorkerThreads.named("honker-stats", true));
        this.timers = Executors.newSingleThreadScheduledExecutor(WorkerThreads.named("honker-timeout", true));
    }

    private QueueWorker worker(Database db, String prefix, PoolBuilder.Registration r, WorkerListener listener) {
        return new QueueWorker(r.queue(), prefix + "-" + r.queue(), r.handler(), r.options(), db, completer,
                listener);
    }

    static JdbiWorkerPool start(Database db, String prefix, Collection<PoolBuilder.Registration> registrations,
            WorkerListener listener, Duration statsEvery, Duration hookGrace, Set<WorkerPool> running) {
        JdbiWorkerPool pool = new JdbiWorkerPool(db, prefix, registrations, listener, running);
        running.add(pool);
        pool.completerThread.start();
        for (QueueWorker w : pool.workers.values()) {
            long beatMillis = Math.max(1, Args.saturatedNanos(w.options().lease()) / 3_000_000L);
            pool.beats.scheduleAtFixedRate(w::heartbeat, beatMillis, beatMillis, TimeUnit.MILLISECONDS);
            if (statsEvery != null) {
                long statsMillis = Math.max(1, Args.saturatedNanos(statsEvery) / 1_000_000L);
                // on a thread of its own: a slow stats query or listener must not delay heartbeats
                pool.stats.scheduleAtFixedRate(() -> QueueWorker.inPool(pool.poolThreads,
                        () -> pool.reportStats(w, listener)), statsMillis, statsMillis,
                        TimeUnit.MILLISECONDS);
            }
            w.start(pool.runners, pool.poolThreads, pool.timers);
        }
        if (hookGrace != null) {
            pool.hook = new Thread(() -> pool.shutdownFromHook(hookGrace), "honker-worker-shutdown");
            Runtime.getRuntime().addShutdownHook(pool.hook);
        }
        log.info("Worker pool started on queues {} (worker ids {})", pool.workers.keySet(),
                pool.workers.values().stream().map(QueueWorker::workerId).toList());
        return pool;
    }

    private void reportStats(QueueWorker w, WorkerListener listener) {
        try {
            listener.queueStats(w.jobs().stats());
        } catch (RuntimeException | Error e) { // an escaping throw would cancel the schedule
            log.warn("Queue '{}': stats failed", w.queue(), e);
        }
    }

    @Override
    public Set<String> queues() {
        return Set.copyOf(workers.keySet());
    }

    private QueueWorker worker(String queue) {
        QueueWorker w = workers.get(queue);
        if (w == null) {
            throw new IllegalArgumentException("this pool does not work queue '" + queue + "'; it works "
                    + workers.keySet());
        }
        return w;
    }

    /** @return the queue worker of {@code queue}, for tests (runner wake-up counts) */
    QueueWorker queueWorker(String queue) {
        return worker(queue);
    }

    @Override
    public String workerId(String queue) {
        return worker(queue).workerId();
    }

    @Override
    public void pause(String queue) {
        worker(queue).pause();
        log.info("Queue '{}' paused", queue);
    }

    @Override
    public void resume(String queue) {
        worker(queue).resume();
        log.info("Queue '{}' resumed", queue);
    }

    @Override
    public boolean isPaused(String queue) {
        return worker(queue).isPaused();
    }

    @Override
    public boolean isShutdown() {
        return shutdownStarted;
    }

    private void shutdownFromHook(Duration grace) {
        try {
            shutdown(grace, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean shutdown(Duration grace) throws InterruptedException {
        return shutdown(grace, true);
    }

    private boolean shutdown(Duration grace, boolean removeHook) throws InterruptedException {
        long graceNanos = Args.timeoutNanos("shutdown grace", grace);
        if (poolThreads.contains(Thread.currentThread())) {
            // a handler or listener: waiting here would wait for itself, so shut down from another thread
            Thread stopper = new Thread(() -> {
                try {
                    shutdown(grace, removeHook);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "honker-worker-shutdown");
            stopper.start();
            return false;
        }
        long until = System.nanoTime() + graceNanos;
        boolean first;
        synchronized (this) {
            first = !shutdownStarted;
            if (first) {
                deadline = until;
                shutdownStarted = true;
            } else if (until - deadline < 0) {
                deadline = until; // a later call with an earlier deadline brings it forward
            }
        }
        if (!first) {
            terminated.await();
            return clean;
        }
        if (removeHook && hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the JVM is exiting; the hook is running or will run and find the pool shut down
            }
        }
        log.info("Worker pool shutting down: no more claims; running jobs have {} to finish", grace);
        boolean finished = false;
        try {
            for (QueueWorker w : workers.values()) {
                w.stopClaiming(); // every queue first, so none goes on claiming while another is waited for
            }
            for (QueueWorker w : workers.values()) {
                w.awaitClaimsStopped();
            }
            runners.shutdown();
            finished = awaitRunnersUntilDeadline();
            if (!finished) {
                log.warn("Shutdown deadline passed; interrupting running handlers and giving their jobs back");
                workers.values().forEach(QueueWorker::force);
                runners.shutdownNow();
                finished = runners.awaitTermination(INTERRUPT_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            // even if this thread is interrupted: settle what finished, stop every pool thread
            completer.finish();
            joinUninterruptibly(completerThread);
            beats.shutdownNow();
            stats.shutdownNow();
            timers.shutdownNow();
            int unsettled = workers.values().stream().mapToInt(QueueWorker::unsettled).sum();
            if (unsettled > 0) {
                log.warn("{} jobs were not settled (handlers ignoring interruption); they return after their "
                        + "leases", unsettled);
            }
            clean = finished && unsettled == 0;
            running.remove(this);
            terminated.countDown();
            log.info("Worker pool stopped");
        }
        return clean;
    }

    /** Waits for the runners until the deadline, which a later shutdown call may bring forward. */
    private boolean awaitRunnersUntilDeadline() throws InterruptedException {
        while (true) {
            long left;
            synchronized (this) {
                left = deadline - System.nanoTime();
            }
            if (left <= 0) {
                return runners.isTerminated();
            }
            if (runners.awaitTermination(Math.min(left, DEADLINE_RECHECK_NANOS), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            shutdown(DEFAULT_SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
