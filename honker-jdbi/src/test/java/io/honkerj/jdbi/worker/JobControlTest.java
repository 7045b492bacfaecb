package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.JobTimedOutException;
import io.honkerj.api.Queue;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactional handlers, cancelling running jobs, and handler timeouts. */
class JobControlTest {
    static final long T0 = 1_700_000_000L;
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    SettableClock clock;
    JdbiHonker honker;
    WorkerPool pool;
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        honker.jdbi().useHandle(h -> h.execute("CREATE TABLE done (job_id INTEGER NOT NULL, n INTEGER NOT NULL)"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(10));
        }
    }

    private long count(String sql) {
        return db.one(sql, Long.class);
    }

    // ---- transactional handlers ------------------------------------------------------------------------

    @Test
    void aTransactionalHandlersWritesCommitWithItsAckAndResult() {
        Queue q = honker.queue("q");
        List<Long> ids = q.enqueueAll(List.of(1, 2, 3), EnqueueOptions.defaults());
        WorkerPoolTest.Events events = new WorkerPoolTest.Events();
        pool = honker.workers().listener(events)
                .handleInTransaction("q", Integer.class, WorkerOptions.defaults().withConcurrency(2),
                        (n, job, handle) -> {
                            handle.execute("INSERT INTO done (job_id, n) VALUES (?, ?)", job.id(), n);
                            return n * 10;
                        })
                .start();
        Await.until(WAIT, "all acked", () -> count("SELECT COUNT(*) FROM _honker_live") == 0);
        assertThat(count("SELECT COUNT(*) FROM done")).isEqualTo(3);
        assertThat(honker.results().getJson(ids.get(2))).contains("30");
        Await.until(WAIT, "listener told", () -> events.seen.stream().filter(e -> e.startsWith("succeeded:")).count() == 3);
        assertThat(events.seen).noneMatch(e -> e.startsWith("lost:"));
    }

    @Test
    void aTransactionalHandlerThatThrowsRollsBackItsWritesAndTheAckAndIsRetried() {
        Queue q = honker.queue("q");
        long id = q.enqueue(7, EnqueueOptions.defaults().withMaxAttempts(2));
        AtomicBoolean fail = new AtomicBoolean(true);
        pool = honker.workers()
                .handleInTransaction("q", Integer.class, WorkerOptions.defaults()
                        .withRetry(RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(10))),
                        (n, job, handle) -> {
                            handle.execute("INSERT INTO done (job_id, n) VALUES (?, ?)", job.id(), n);
                            if (fail.get()) {
                                throw new IllegalStateException("downstream said no");
                            }
                            return null;
                        })
                .start();
        Await.until(WAIT, "rescheduled", () -> q.getJob(id).map(j -> j.state() == JobState.PENDING
                && j.attempts() == 1).orElse(false));
        assertThat(count("SELECT COUNT(*) FROM done")).as("the failed attempt's write rolled back").isZero();
        fail.set(false);
        clock.tick(Duration.ofSeconds(10));
        Await.until(WAIT, "acked on the second attempt", () -> q.getJob(id).isEmpty());
        assertThat(count("SELECT COUNT(*) FROM done")).isEqualTo(1);
        assertThat(q.deadJobs(1)).isEmpty();
    }

    @Test
    void aTransactionalHandlerDoesNotRunForAJobCancelledBeforeItStarted() {
        Queue q = honker.queue("q");
        long first = q.enqueue(1);
        long second = q.enqueue(2);
        WorkerPoolTest.Events events = new WorkerPoolTest.Events();
        pool = honker.workers().listener(events)
                .handleInTransaction("q", Integer.class, WorkerOptions.defaults().withClaimBatch(2),
                        (n, job, handle) -> {
                            if (n == 1) { // the second job is claimed and waits its turn: cancel it, atomically
                                JdbiHonker.attach(handle).queue("q").cancel(second);
                            }
                            handle.execute("INSERT INTO done (job_id, n) VALUES (?, ?)", job.id(), n);
                            return null;
                        })
                .start();
        Await.until(WAIT, "both settled", () -> events.seen.contains("succeeded:" + first)
                && events.seen.contains("cancelled:" + second));
        assertThat(count("SELECT COUNT(*) FROM done")).as("only the first ran").isEqualTo(1);
        assertThat(events.seen).doesNotContain("lost:" + second, "succeeded:" + second);
    }

    @Test
    void transactionalHandlersAreOnlyOnTheJdbiBuilderAndCheckTheirArguments() {
        assertThatThrownBy(() -> honker.workers().handleInTransaction("q", Integer.class, WorkerOptions.defaults(),
                null)).isInstanceOf(NullPointerException.class).hasMessageContaining("handler");
        assertThatThrownBy(() -> honker.workers().handle("q", Integer.class, (n, j) -> null)
                .handleInTransaction("q", Integer.class, WorkerOptions.defaults(), (n, j, h) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'q'");
    }

    // ---- cancel ----------------------------------------------------------------------------------------

    @Test
    void cancellingARunningJobInterruptsItsHandlerWithinAHeartbeatAndTheListenerHearsCancelled() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        WorkerPoolTest.Events events = new WorkerPoolTest.Events();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean sawCancelled = new AtomicBoolean();
        pool = honker.workers().listener(events)
                .handle("q", String.class, WorkerOptions.defaults().withLease(Duration.ofSeconds(3)), (p, job) -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        sawCancelled.set(job.isCancelled());
                        throw e;
                    }
                    return null;
                })
                .start();
        Await.until(WAIT, "running", () -> started.getCount() == 0);
        assertThat(q.cancel(id)).isTrue();
        Await.until(WAIT, "the heartbeat (every 1 s) finds it cancelled", () -> events.seen.contains("cancelled:" + id));
        Await.until(WAIT, "the handler interrupted", interrupted::get);
        assertThat(sawCancelled).as("Job.isCancelled() is true when the interrupt arrives").isTrue();
        Await.until(WAIT, "the job gone", this::noneLive);
        assertThat(events.seen).doesNotContain("lost:" + id, "failed:" + id, "dead:" + id, "succeeded:" + id);
        assertThat(q.deadJobs(1)).isEmpty();
    }

    private boolean noneLive() {
        return count("SELECT COUNT(*) FROM _honker_live") == 0;
    }

    @Test
    void aHandlerIgnoringInterruptsCanPollIsCancelledToStop() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        WorkerPoolTest.Events events = new WorkerPoolTest.Events();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stoppedCleanly = new AtomicBoolean();
        pool = honker.workers().listener(events)
                .handle("q", String.class, WorkerOptions.defaults().withLease(Duration.ofSeconds(3)), (p, job) -> {
                    started.countDown();
                    while (!job.isCancelled()) { // work in steps, checking between them
                        Thread.onSpinWait();
                    }
                    stoppedCleanly.set(true);
                    return "partial";
                })
                .start();
        Await.until(WAIT, "running", () -> started.getCount() == 0);
        q.cancel(id);
        Await.until(WAIT, "the handler saw the flag", stoppedCleanly::get);
        Await.until(WAIT, "listener told", () -> events.seen.contains("cancelled:" + id));
        assertThat(honker.results().getJson(id)).as("a cancelled job's return value is dropped").isEmpty();
        assertThat(events.seen).doesNotContain("succeeded:" + id, "lost:" + id);
    }

    // ---- timeouts --------------------------------------------------------------------------------------

    @Test
    void aHandlerPastItsTimeoutIsInterruptedAndTheAttemptFailsThenDiesOnTheLast() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(2));
        WorkerPoolTest.Events events = new WorkerPoolTest.Events();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        pool = honker.workers()
                .listener(new io.honkerj.api.WorkerListener() {
                    @Override
                    public void jobFailed(io.honkerj.api.Job job, Duration d, Throwable error, Duration retryIn) {
                        errors.add(error);
                        events.jobFailed(job, d, error, retryIn);
                    }

                    @Override
                    public void jobTimedOut(io.honkerj.api.Job job, Duration timeout) {
                        events.jobTimedOut(job, timeout);
                    }

                    @Override
                    public void jobDeadLettered(io.honkerj.api.Job job, Duration d, Throwable error) {
                        events.jobDeadLettered(job, d, error);
                    }
                })
                .handle("q", String.class, WorkerOptions.defaults()
                        .withTimeout(Duration.ofMillis(200))
                        .withRetry(RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(10))),
                        (p, job) -> {
                            release.await(); // never released: only the timeout ends it
                            return null;
                        })
                .start();
        Await.until(WAIT, "first attempt timed out and rescheduled", () -> q.getJob(id)
                .map(j -> j.state() == JobState.PENDING && j.attempts() == 1).orElse(false));
        JobInfo retried = q.getJob(id).orElseThrow();
        assertThat(retried.runAt()).as("with backoff").isAfter(Instant.ofEpochSecond(T0));
        Await.until(WAIT, "listener told", () -> events.seen.contains("timedout:" + id) && !errors.isEmpty());
        assertThat(errors.get(0)).isInstanceOf(JobTimedOutException.class)
                .hasMessageContaining("timed out after 200 ms");

        clock.tick(Duration.ofSeconds(10));
        Await.until(WAIT, "dead on its last attempt", () -> q.getJob(id).isEmpty());
        DeadJob dead = q.deadJobs(1).get(0);
        assertThat(dead.lastError()).startsWith("timed out after 200 ms (queue: q, job: " + id + ")");
        Await.until(WAIT, "listener told", () -> events.seen.contains("dead:" + id));
    }

    @Test
    void aHandlerThatSwallowsTheInterruptAndReturnsStillCountsAsTimedOut() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(1));
        pool = honker.workers()
                .handle("q", String.class, WorkerOptions.defaults().withTimeout(Duration.ofMillis(100)), (p, job) -> {
                    try {
                        release.await();
                    } catch (InterruptedException swallowed) {
                        // returns normally anyway
                    }
                    return "done?";
                })
                .start();
        Await.until(WAIT, "dead", () -> q.getJob(id).isEmpty());
        assertThat(q.deadJobs(1).get(0).lastError()).startsWith("timed out after 100 ms");
        assertThat(honker.results().getJson(id)).isEmpty();
    }

    @Test
    void aTransactionalHandlerPastItsTimeoutCommitsNothingEvenIfItReturns() {
        Queue q = honker.queue("q");
        long id = q.enqueue(1, EnqueueOptions.defaults().withMaxAttempts(1));
        pool = honker.workers()
                .handleInTransaction("q", Integer.class, WorkerOptions.defaults().withTimeout(Duration.ofMillis(100)),
                        (n, job, handle) -> {
                            handle.execute("INSERT INTO done (job_id, n) VALUES (?, ?)", job.id(), n);
                            try {
                                release.await();
                            } catch (InterruptedException swallowed) {
                                // returns normally anyway
                            }
                            return "late";
                        })
                .start();
        Await.until(WAIT, "dead", () -> q.getJob(id).isEmpty());
        assertThat(q.deadJobs(1).get(0).lastError()).startsWith("timed out after 100 ms");
        assertThat(count("SELECT COUNT(*) FROM done")).as("its write rolled back with the ack").isZero();
        assertThat(honker.results().getJson(id)).isEmpty();
    }

    @Test
    void aFastHandlerIsNotTimedOutAndATimeoutIsChecked() {
        Queue q = honker.queue("q");
        List<Long> ids = q.enqueueAll(List.of(1, 2, 3, 4, 5), EnqueueOptions.defaults());
        pool = honker.workers()
                .handle("q", Integer.class, WorkerOptions.defaults().withTimeout(Duration.ofSeconds(Long.MAX_VALUE)), (n, job) -> n)
                .start();
        Await.until(WAIT, "all acked", () -> count("SELECT COUNT(*) FROM _honker_live") == 0);
        assertThat(q.deadJobs(5)).isEmpty();
        assertThat(honker.results().getJson(ids.get(4))).contains("5");
        assertThatThrownBy(() -> WorkerOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> WorkerOptions.defaults().withTimeout(Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.000999999S");
        assertThat(WorkerOptions.defaults().withTimeout(Duration.ofSeconds(Long.MAX_VALUE)).timeout())
                .as("a timeout too long for nanoseconds is accepted (and never fires)").isNotNull();
    }
}
