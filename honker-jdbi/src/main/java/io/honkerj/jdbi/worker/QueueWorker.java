package io.honkerj.jdbi.worker;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.DatabaseReplacedException;
import io.honkerj.api.HonkerClosedException;
import io.honkerj.api.Job;
import io.honkerj.api.JobTimedOutException;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.RateLimitDecision;
import io.honkerj.api.RateLimiter;
import io.honkerj.api.RetryLaterException;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.ratelimit.JdbiRateLimiter;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.result.ResultDao;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue of a pool: a dispatcher thread that claims batches while fewer than {@code concurrency} jobs
 * are held, {@code concurrency} runner loops that take claimed jobs in claim order and run the handler, and
 * the set of held jobs the heartbeat extends until they are settled. A claim also settles the pool's
 * finished jobs in its transaction, and the runner whose job made room claims the next batch itself when
 * it can (no rate limit, nobody else claiming), so short jobs cost neither a settle transaction of their
 * own nor a thread wake-up per batch.
 */
final class QueueWorker {
    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    private static final Duration FOREVER = Duration.ofDays(365);
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final String queue;
    private final String workerId;
    private final JsonJobHandler handler;
    private final WorkerOptions options;
    private final Database db;
    private final JdbiQueue jobs;
    private final RateLimiter limiter;
    private final Completer completer;
    private final WorkerListener listener;

    private final RunQueue buffer = new RunQueue();
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    private final java.util.Set<Held> running = ConcurrentHashMap.newKeySet();
    /** Fires handler timeouts. */
    private ScheduledExecutorService timers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong claims = new java.util.concurrent.atomic.AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Held by whoever claims (the dispatcher, or a runner that made room), from the room check to the buffer. */
    private final ReentrantLock claiming = new ReentrantLock();
    private ClaimWaker waker; // guarded by lock
    private volatile boolean paused;
    private volatile boolean stopping;
    private volatile boolean forced;
    /** Put into the buffer once per runner to end it. */
    private final Held stopRunner;
    private Thread dispatcher;

    QueueWorker(String queue, String workerId, JsonJobHandler handler, WorkerOptions options,
            Database db, Completer completer, WorkerListener listener) {
        this.queue = queue;
        this.workerId = workerId;
        this.handler = handler;
        this.options = options;
        this.db = db;
        this.jobs = new JdbiQueue(db, queue, new QueueOptions(options.lease(), QueueOptions.DEFAULT_MAX_ATTEMPTS));
        this.limiter = options.rateLimit() == 0
                ? null
                : new JdbiRateLimiter(db, "worker:" + queue, options.rateLimit(), options.ratePer());
        this.completer = completer;
        this.listener = listener;
        this.stopRunner = new Held(null, this);
    }

    String queue() {
        return queue;
    }

    String workerId() {
        return workerId;
    }

    WorkerOptions options() {
        return options;
    }

    JdbiQueue jobs() {
        return jobs;
    }

    /**
     * Starts the runners and the dispatcher.
     *
     * @param runners where runner loops run
     * @param poolThreads the pool's threads, which each thread joins while it runs (so the pool can tell
     *     when a handler or listener calls shutdown)
     * @param timers where handler timeouts fire
     */
    void start(ExecutorService runners, java.util.Set<Thread> poolThreads, ScheduledExecutorService timers) {
        this.timers = timers;
        for (int i = 0; i < options.concurrency(); i++) {
            runners.execute(() -> inPool(poolThreads, this::runLoop));
        }
        dispatcher = new Thread(() -> inPool(poolThreads, this::dispatchLoop), "honker-dispatch-" + queue);
        dispatcher.start();
    }

    static void inPool(java.util.Set<Thread> poolThreads, Runnable loop) {
        poolThreads.add(Thread.currentThread());
        try {
            loop.run();
        } finally {
            poolThreads.remove(Thread.currentThread());
        }
    }

    // ---- claiming ------------------------------------------------------------------------------------

    private void dispatchLoop() {
        while (!stopping) {
            try {
                if (!awaitRoom()) {
                    break;
                }
                int want = options.claimBatch();
                if (limiter != null) {
                    RateLimitDecision window = limiter.peek();
                    if (!window.allowed()) {
                        Duration untilReset = Duration.between(db.clock().instant(), window.resetAt());
                        pauseFor(untilReset.isNegative() ? Duration.ZERO : untilReset);
                        continue;
                    }
                    want = Math.min(want, window.remaining());
                }
                ClaimWaker w = waker();
                if (w == null) {
                    continue;
                }
                claiming.lock();
                try {
                    if (inFlight.get() >= options.concurrency()) {
                        continue; // a runner refilled meanwhile
                    }
                    List<Job> claimed = claimSettling(want, false);
                    if (claimed.isEmpty()) {
                        claimed = w.nextBatch(nextWorkerId(), want, FOREVER);
                    }
                    hold(limiter == null ? claimed : admit(claimed), false);
                } finally {
                    claiming.unlock();
                }
            } catch (ListenerClosedException e) {
                // pause() or stop closed the waker: loop to see which
            } catch (InterruptedException e) {
                break;
            } catch (DatabaseReplacedException e) {
                log.error("Queue '{}': the database file was replaced; this worker stops claiming", queue, e);
                break;
            } catch (HonkerClosedException e) {
                log.warn("Queue '{}': the honker was closed; this worker stops claiming", queue);
                break;
            } catch (RuntimeException | Error e) {
                log.warn("Queue '{}': claim failed; trying again in {}", queue, ERROR_PAUSE, e);
                try {
                    pauseFor(ERROR_PAUSE);
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
    }

    /**
     * The worker id of the next claim: {@code <prefix>-<queue>-<n>}, a new {@code n} per claim, so a job
     * this pool claims again after its lease lapsed (heartbeats stalled) is a different claim: the first
     * run's ack, retry or heartbeat finds the claim lost instead of settling the second run's.
     */
    private String nextWorkerId() {
        return workerId + "-" + claims.incrementAndGet();
    }

    /**
     * Counts each claimed job against the rate limit; a job the window has no room for (another process
     * took it since the peek) goes back at once without spending an attempt. Only jobs actually claimed
     * are counted, so an idle worker spends nothing.
     */
    private List<Job> admit(List<Job> claimed) {
        List<Job> admitted = new ArrayList<>(claimed.size());
        boolean full = false;
        for (Job job : claimed) {
            full = full || !limiter.tryAcquire();
            if (!full) {
                admitted.add(job);
            } else {
                Held h = new Held(job, this);
                held.put(job.id(), h);
                completer.submit(new Outcome.Release(h));
            }
        }
        return admitted;
    }

    /**
     * Adds claimed jobs to the buffer for the runners, waking one waiting runner per job (less the caller's
     * own if {@code selfTakes}); gives them back if the queue paused or stopped meanwhile.
     *
     * @param selfTakes whether the caller is a runner that takes the next job itself right after
     */
    private void hold(List<Job> claimed, boolean selfTakes) {
        List<Held> batch = new ArrayList<>(claimed.size());
        for (Job job : claimed) {
            Held h = new Held(job, this);
            Held previous = held.put(job.id(), h);
            if (previous != null) {
                previous.lost = true; // claimed again after its lease lapsed: the older claim is void
            }
            inFlight.incrementAndGet();
            batch.add(h);
        }
        buffer.addAll(batch, selfTakes);
        if (stopping || paused) {
            releaseWaiting();
        }
    }

    private record ClaimAndSettle(boolean[] settled, List<Job> claimed) {}

    /**
     * Settles the finished jobs waiting for the completer and claims up to {@code want} more, in one
     * transaction; with nothing waiting, claims alone if {@code claimAnyway}, else does nothing. Returns what
     * it claimed. With short jobs this makes one transaction per batch instead of a claim and a settle
     * competing for the write gate, and no settle waits for the completer thread to wake.
     */
    private List<Job> claimSettling(int want, boolean claimAnyway) {
        List<Outcome> waiting = completer.takeWaiting();
        if (waiting.isEmpty()) {
            return claimAnyway ? jobs.claimBatch(nextWorkerId(), want) : List.of();
        }
        ClaimAndSettle done;
        try {
            done = db.write(s -> new ClaimAndSettle(completer.applyIn(s, waiting),
                    jobs.claimBatchIn(s, nextWorkerId(), want)));
        } catch (RuntimeException e) {
            completer.resubmit(waiting);
            throw e;
        }
        completer.settled(waiting, done.settled());
        return done.claimed();
    }

    /**
     * A runner that just made room claims the next batch itself, on its own thread, rather than waking the
     * dispatcher for it: with short jobs that wake-up was a fifth of each batch's time. Not with a rate limit
     * (the dispatcher counts tokens), nor when paused or stopping, nor while another thread holds
     * {@link #claiming} (it claims, or the dispatcher waits for jobs, and either looks at the room again when
     * done). An error or an empty queue is left to the dispatcher.
     *
     * @return whether to wake the dispatcher: room is left, and nobody is claiming
     */
    private boolean refillHere() {
        if (limiter != null || stopping || paused) {
            return true;
        }
        if (!claiming.tryLock()) {
            return false;
        }
        try {
            if (!stopping && !paused && inFlight.get() < options.concurrency()) {
                hold(claimSettling(options.claimBatch(), true), true); // this runner takes the first itself
            }
        } catch (RuntimeException e) {
            log.debug("Queue '{}': a runner's claim failed; the dispatcher takes over", queue, e);
        } finally {
            claiming.unlock();
        }
        return inFlight.get() < options.concurrency();
    }

    /** Waits until fewer than {@code concurrency} jobs are held and the queue is not paused. */
    private boolean awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (!stopping && (paused || inFlight.get() >= options.concurrency())) {
                changed.await();
            }
            return !stopping;
        } finally {
            lock.unlock();
        }
    }

    private ClaimWaker waker() {
        lock.lock();
        try {
            if (stopping || paused) {
                return null;
            }
            if (waker == null) {
                waker = jobs.claimWaker();
            }
            return waker;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code d} (at most a second at a time, so a moved test clock is seen); false if stopping. */
    private boolean pauseFor(Duration d) throws InterruptedException {
        long nanos = Math.min(Args.saturatedNanos(d), TimeUnit.SECONDS.toNanos(1));
        lock.lock();
        try {
            while (nanos > 0 && !stopping && !paused) {
                nanos = changed.awaitNanos(nanos);
            }
            return !stopping;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- running -------------------------------------------------------------------------------------

    private void runLoop() {
        while (true) {
            Held h;
            try {
                h = buffer.take();
            } catch (InterruptedException e) {
                if (forced || stopping) {
                    return;
                }
                continue; // a stray interrupt (left by a handler) must not end the runner
            }
            if (h == stopRunner) {
                return;
            }
            try {
                if (h.lost) {
                    settled(h);
                    if (!h.cancelled) { // a cancelled one was reported when it was found
                        safely(() -> listener.claimLost(h.job));
                    }
                } else if (stopping || paused) {
                    completer.submit(new Outcome.Release(h));
                } else {
                    run(h);
                }
            } finally {
                if (inFlight.decrementAndGet() < options.concurrency() && refillHere()) {
                    signal();
                }
            }
            if (Thread.interrupted() && forced) { // else clear a flag the handler left for the next job
                return;
            }
        }
    }

    /** The handler timeout in nanoseconds, saturated: a timeout of centuries is no timeout. */
    private long timeoutNanos() {
        try {
            return options.timeout().toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void run(Held h) {
        Job job = h.job;
        safely(() -> listener.jobStarted(job));
        long start = System.nanoTime();
        running.add(h);
        h.running(Thread.currentThread());
        long timeoutNanos = options.timeout() == null ? 0 : timeoutNanos();
        ScheduledFuture<?> timer = options.timeout() == null ? null
                : timers.schedule(() -> timeOut(h), timeoutNanos, TimeUnit.NANOSECONDS);
        String result = null;
        Throwable error = null;
        Boolean ackedInTx = null; // a transactional handler: whether its transaction committed with the ack
        try {
            if (handler instanceof JsonJobHandler.InTransaction tx) {
                ackedInTx = runInTransaction(h, tx);
            } else {
                result = handler.handle(job);
            }
        } catch (Throwable t) {
            error = t;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            h.running(null);
            running.remove(h);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (Boolean.TRUE.equals(ackedInTx)) {
            settled(h);
            safely(() -> listener.jobSucceeded(job, took));
        } else if (Boolean.FALSE.equals(ackedInTx) || h.cancelled) {
            settled(h); // gone before it ran, or cancelled while it ran: nothing to settle
            if (!h.cancelled) {
                reportLost(h);
            }
        } else if (error == null && !h.timedOut) {
            completer.submit(new Outcome.Ack(h, result, took));
        } else if (error instanceof JsonJobHandler.Unrunnable) {
            log.error("Queue '{}': {} cannot run: {}; dead-lettered", queue, job, error.getMessage());
            completer.submit(new Outcome.Dead(h, error.getMessage(), error, took));
        } else if (h.timedOut) {
            fail(h, new JobTimedOutException(queue, job.id(), options.timeout()), took);
        } else if (forced) {
            log.info("Queue '{}': {} stopped by shutdown; giving it back", queue, job);
            completer.submit(new Outcome.Release(h));
        } else {
            fail(h, error, took);
        }
    }

    /** Thrown through the transaction to roll it back: the handler threw this. */
    private static final class HandlerThrew extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerThrew(Exception cause) {
            super(cause);
        }
    }

    /**
     * Runs a transactional handler in the transaction that acks its job: ack first (so a lost claim runs
     * nothing), then the handler, then its result; one commit.
     *
     * @return true if committed with the ack, false if the claim was lost before the handler ran
     */
    private boolean runInTransaction(Held h, JsonJobHandler.InTransaction tx) throws Exception {
        JsonJobHandler.InTransaction inTime = (job, handle) -> {
            String result = tx.handle(job, handle);
            if (h.timedOut) { // it ran past its timeout: the attempt fails, so its writes must not commit
                throw new JobTimedOutException(queue, job.id(), options.timeout());
            }
            return result;
        };
        // a heartbeat that finds it gone after the commit must not call it lost
        return ackAndRun(db, h.job, jobs.options(), inTime, options.resultTtl(), () -> h.finished = true);
    }

    /**
     * Acks {@code job} and runs {@code tx} in one write transaction, storing its result there too; the
     * handler does not run if the ack finds the claim lost. Used by pools and by {@link ManualWorker}.
     *
     * @param acked run inside the transaction once the handler returned
     * @return true if committed with the ack, false if the claim was lost before the handler ran
     * @throws Exception what the handler threw (the transaction rolled back)
     */
    static boolean ackAndRun(Database db, Job job, QueueOptions queueOptions, JsonJobHandler.InTransaction tx,
            Duration resultTtl, Runnable acked) throws Exception {
        try {
            return db.write(s -> {
                JdbiQueue q = new JdbiQueue(HandleDatabase.joining(db, s), job.queue(), queueOptions);
                if (!q.ack(job.id(), job.workerId())) {
                    return false;
                }
                String json;
                try {
                    json = tx.handle(job, s.handle());
                } catch (Exception e) {
                    throw new HandlerThrew(e);
                }
                if (json != null) {
                    long now = db.nowSeconds();
                    s.dao(ResultDao.class).save(job.id(), json, JdbiResults.expiresAt(resultTtl, now), now);
                }
                acked.run();
                return true;
            });
        } catch (HandlerThrew e) {
            throw (Exception) e.getCause();
        }
    }

    /** The timeout passed while {@code h}'s handler runs: interrupt it; its attempt counts as failed. */
    private void timeOut(Held h) {
        if (h.timeOut()) {
            log.warn("Queue '{}': {} still running after {}; interrupted", queue, h.job, options.timeout());
            safely(() -> listener.jobTimedOut(h.job, options.timeout()));
        }
    }

    private void fail(Held h, Throwable error, Duration took) {
        Job job = h.job;
        String text = error instanceof JobTimedOutException ? error.getMessage() : ErrorText.of(error);
        if (options.retry().exhausted(job.attempts(), job.maxAttempts())) {
            log.error("Queue '{}': {} failed on its last attempt; dead-lettered", queue, job, error);
            completer.submit(new Outcome.Dead(h, text, error, took));
            return;
        }
        Duration delay = error instanceof RetryLaterException later
                ? later.delay()
                : options.retry().delayAfter(job.attempts(), ThreadLocalRandom.current());
        log.warn("Queue '{}': {} failed; retrying in {}", queue, job, delay, error);
        completer.submit(new Outcome.Retry(h, delay, text, error, took));
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException | Error e) {
            log.warn("Worker listener threw", e);
        }
    }

    /** The completer applied this job's outcome (or gave up on it): stop heartbeating it. */
    void settled(Held h) {
        held.remove(h.job.id(), h);
    }

    // ---- leases --------------------------------------------------------------------------------------

    /**
     * Extends every held job's claim to a full lease from now, in one transaction; marks lost ones, and
     * finds cancelled ones: gone from the live table while their claim was still valid.
     */
    void heartbeat() {
        List<Held> all = new ArrayList<>(held.values());
        if (all.isEmpty()) {
            return;
        }
        try {
            long[] now = new long[1];
            boolean[][] beat = db.write(s -> {
                JdbiQueue tx = new JdbiQueue(HandleDatabase.joining(db, s), queue, jobs.options());
                now[0] = db.nowSeconds();
                boolean[] ok = new boolean[all.size()];
                boolean[] gone = new boolean[all.size()];
                for (int i = 0; i < all.size(); i++) {
                    Job job = all.get(i).job;
                    ok[i] = tx.heartbeat(job.id(), job.workerId(), options.lease());
                    gone[i] = !ok[i] && tx.getJob(job.id()).isEmpty();
                }
                return new boolean[][] {ok, gone};
            });
            for (int i = 0; i < all.size(); i++) {
                Held h = all.get(i);
                if (beat[0][i]) {
                    // a second short of the lease: never taken for valid when it may have lapsed
                    h.leaseUntil = now[0] + options.lease().getSeconds() - 1;
                } else if (!h.finished && held.get(h.job.id()) == h) { // a finished one's settle reports it
                    if (beat[1][i] && h.leaseUntil >= now[0]) {
                        cancelled(h);
                    } else {
                        h.lost = true;
                        log.warn("Queue '{}': heartbeat found the claim on {} lost", queue, h.job);
                    }
                }
            }
        } catch (RuntimeException | Error e) { // an escaping throw would cancel the beat for good
            log.warn("Queue '{}': heartbeat failed; trying again next beat", queue, e);
        }
    }

    /** {@code h} was cancelled while this pool held it: interrupt its handler, tell the listener once. */
    private void cancelled(Held h) {
        if (!h.cancel()) {
            return; // the heartbeat and a settle may both find it: report it once
        }
        log.info("Queue '{}': {} was cancelled; its handler is interrupted", queue, h.job);
        safely(() -> listener.jobCancelled(h.job));
    }

    /**
     * The claim on {@code h} was found lost when settling it: cancelled if the job is gone while the claim
     * was still valid, else lost to its lease. Tells the listener which.
     */
    void reportLost(Held h) {
        if (h.cancelled) {
            return;
        }
        boolean gone;
        try {
            gone = h.leaseUntil >= db.nowSeconds() && jobs.getJob(h.job.id()).isEmpty();
        } catch (RuntimeException e) {
            gone = false;
        }
        if (gone) {
            cancelled(h);
        } else {
            log.warn("Queue '{}': lost the claim on {} before settling it; its current holder decides", queue, h.job);
            safely(() -> listener.claimLost(h.job));
        }
    }

    // ---- pause and stop ------------------------------------------------------------------------------

    void pause() {
        lock.lock();
        try {
            paused = true;
            closeWaker();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        releaseWaiting();
    }

    void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isPaused() {
        return paused;
    }

    private void closeWaker() {
        if (waker != null) {
            waker.close();
            waker = null;
        }
    }

    /** Gives back every claimed job no runner has started, without spending their attempts. */
    private void releaseWaiting() {
        List<Held> waiting = new ArrayList<>();
        buffer.drainTo(waiting);
        for (Held h : waiting) {
            if (h == stopRunner) {
                buffer.add(h);
                continue;
            }
            completer.submit(new Outcome.Release(h));
            inFlight.decrementAndGet();
        }
        signal();
    }

    /** Stops claiming: no claim starts after this returns (one under way may still end). */
    void stopClaiming() {
        lock.lock();
        try {
            stopping = true;
            closeWaker();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After {@link #stopClaiming()}: waits for claims under way, then gives back waiting jobs and ends idle runners. */
    void awaitClaimsStopped() throws InterruptedException {
        if (dispatcher != null) {
            dispatcher.join();
        }
        claiming.lock(); // a runner's claim under way ends first; later ones see stopping
        claiming.unlock();
        releaseWaiting();
        for (int i = 0; i < options.concurrency(); i++) {
            buffer.add(stopRunner);
        }
    }

    /** The shutdown deadline passed: running handlers' jobs are given back when they stop. */
    void force() {
        forced = true;
        running.forEach(Held::interrupt);
    }

    /** @return how many times a runner waiting for a job woke (for tests) */
    long runnerWakeups() {
        return buffer.wakeups();
    }

    /** @return how many runners wait for a job now (for tests) */
    int waitingRunners() {
        return buffer.waiting();
    }

    /** @return jobs claimed and not settled (running, waiting, or ignoring interruption) */
    int unsettled() {
        return held.size();
    }
}
