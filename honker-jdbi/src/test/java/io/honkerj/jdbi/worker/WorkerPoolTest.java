package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Job;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueStats;
import io.honkerj.api.RetryLaterException;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkerPoolTest {
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

    record Email(String to, String subject) {}

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(10));
        }
    }

    /** Records each listener call as "event:id". */
    static final class Events implements WorkerListener {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<Duration> took = new CopyOnWriteArrayList<>();
        final List<QueueStats> stats = new CopyOnWriteArrayList<>();

        @Override
        public void jobStarted(Job job) {
            seen.add("started:" + job.id());
        }

        @Override
        public void jobSucceeded(Job job, Duration d) {
            seen.add("succeeded:" + job.id());
            took.add(d);
        }

        @Override
        public void jobFailed(Job job, Duration d, Throwable error, Duration retryIn) {
            seen.add("failed:" + job.id() + ":" + retryIn.getSeconds());
        }

        @Override
        public void jobDeadLettered(Job job, Duration d, Throwable error) {
            seen.add("dead:" + job.id());
        }

        @Override
        public void jobReleased(Job job) {
            seen.add("released:" + job.id());
        }

        @Override
        public void claimLost(Job job) {
            seen.add("lost:" + job.id());
        }

        @Override
        public void jobCancelled(Job job) {
            seen.add("cancelled:" + job.id());
        }

        @Override
        public void jobTimedOut(Job job, Duration timeout) {
            seen.add("timedout:" + job.id());
        }

        @Override
        public void queueStats(QueueStats s) {
            stats.add(s);
        }
    }

    private long live(String queue) {
        return db.one("SELECT COUNT(*) FROM _honker_live WHERE queue = '" + queue + "'", Long.class);
    }

    @Test
    void runsTheHandlerWithTheDecodedPayloadAndAcksStoringTheResult() {
        Queue emails = honker.queue("emails");
        long id = emails.enqueue(new Email("a@example.com", "hi"));
        Events events = new Events();
        pool = honker.workers()
                .workerIdPrefix("test")
                .listener(events)
                .handle("emails", Email.class, (email, job) -> new java.util.TreeMap<>(Map.of("sent", email.to(), "job", job.id())))
                .start();
        assertThat(pool.workerId("emails")).isEqualTo("test-emails");
        Await.until(WAIT, "the job acked", () -> live("emails") == 0);
        Await.until(WAIT, "the listener told", () -> events.seen.contains("succeeded:" + id));
        assertThat(honker.results().getJson(id)).contains("{\"job\":" + id + ",\"sent\":\"a@example.com\"}");
        long expires = db.one("SELECT expires_at FROM _honker_results WHERE job_id = " + id, Long.class);
        assertThat(expires).as("results kept an hour by default").isEqualTo(T0 + 3600);
        assertThat(events.seen).containsExactly("started:" + id, "succeeded:" + id);
        assertThat(events.took).singleElement().satisfies(d -> assertThat(d.isNegative()).isFalse());
    }

    @Test
    void aNullResultStoresNothing() {
        long id = honker.queue("q").enqueue("x");
        pool = honker.workers().handle("q", String.class, (p, job) -> null).start();
        Await.until(WAIT, "the job acked", () -> live("q") == 0);
        assertThat(honker.results().getJson(id)).isEmpty();
    }

    @Test
    void aFailureIsRetriedWithExponentialBackoffThenDeadLetteredWithTheStackHead() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(3));
        Events events = new Events();
        RetryPolicy retry = RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(15));
        pool = honker.workers().listener(events)
                .handle("q", String.class, WorkerOptions.defaults().withRetry(retry), (p, job) -> {
                    throw new IllegalStateException("smtp down on attempt " + job.attempts());
                })
                .start();
        Await.until(WAIT, "first retry", () -> q.getJob(id).map(j -> j.state() == JobState.PENDING
                && j.attempts() == 1).orElse(false));
        JobInfo first = q.getJob(id).orElseThrow();
        assertThat(first.runAt()).as("10 s base with jitter in its upper half")
                .isBetween(Instant.ofEpochSecond(T0 + 5), Instant.ofEpochSecond(T0 + 10));
        assertThat(first.workerId()).isNull();

        clock.tick(Duration.ofSeconds(10));
        Await.until(WAIT, "second retry", () -> q.getJob(id).map(j -> j.state() == JobState.PENDING
                && j.attempts() == 2).orElse(false));
        long now = T0 + 10;
        assertThat(q.getJob(id).orElseThrow().runAt()).as("doubled to 20 s, capped at 15 s, jittered")
                .isBetween(Instant.ofEpochSecond(now + 8), Instant.ofEpochSecond(now + 15));

        clock.tick(Duration.ofSeconds(15));
        Await.until(WAIT, "dead-lettered on its last attempt", () -> q.getJob(id).isEmpty());
        DeadJob dead = q.deadJobs(1).get(0);
        assertThat(dead.id()).isEqualTo(id);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError())
                .startsWith("java.lang.IllegalStateException: smtp down on attempt 3\n\tat ")
                .contains("WorkerPoolTest");
        Await.until(WAIT, "listener told", () -> events.seen.contains("dead:" + id));
        assertThat(events.seen).filteredOn(e -> e.startsWith("failed:")).hasSize(2);
    }

    @Test
    void aPolicyBudgetBelowTheJobsDeadLettersEarlier() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(10));
        pool = honker.workers()
                .handle("q", String.class, WorkerOptions.defaults().withRetry(RetryPolicy.defaults().withMaxAttempts(1)),
                        (p, job) -> {
                            throw new RuntimeException("nope");
                        })
                .start();
        Await.until(WAIT, "dead", () -> !q.deadJobs(1).isEmpty());
        assertThat(q.deadJobs(1).get(0).id()).isEqualTo(id);
        assertThat(q.deadJobs(1).get(0).attempts()).isEqualTo(1);
    }

    @Test
    void retryLaterChoosesTheDelay() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        pool = honker.workers()
                .handle("q", String.class, (p, job) -> {
                    throw new RetryLaterException("rate limited upstream", Duration.ofSeconds(42));
                })
                .start();
        Await.until(WAIT, "rescheduled", () -> q.getJob(id).map(j -> j.state() == JobState.PENDING
                && j.attempts() == 1).orElse(false));
        assertThat(q.getJob(id).orElseThrow().runAt()).isEqualTo(Instant.ofEpochSecond(T0 + 42));
    }

    @Test
    void aPayloadThatDoesNotDecodeIsDeadLetteredAtOnce() {
        Queue q = honker.queue("q");
        long id = q.enqueue(List.of(1, 2), EnqueueOptions.defaults().withMaxAttempts(5));
        pool = honker.workers().handle("q", Email.class, (p, job) -> null).start();
        Await.until(WAIT, "dead", () -> !q.deadJobs(1).isEmpty());
        DeadJob dead = q.deadJobs(1).get(0);
        assertThat(dead.id()).isEqualTo(id);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).startsWith("Cannot decode").contains("[1,2]");
    }

    @Test
    void heartbeatsExtendTheLeaseOfARunningJob() throws InterruptedException {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        CountDownLatch started = new CountDownLatch(1);
        pool = honker.workers()
                .handle("q", String.class, WorkerOptions.defaults().withLease(Duration.ofSeconds(3)), (p, job) -> {
                    started.countDown();
                    release.await();
                    return null;
                })
                .start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(q.getJob(id).orElseThrow().claimExpiresAt()).isEqualTo(Instant.ofEpochSecond(T0 + 3));
        clock.tick(Duration.ofSeconds(2));
        Await.until(WAIT, "a heartbeat to set the lease from the new now",
                () -> q.getJob(id).orElseThrow().claimExpiresAt().equals(Instant.ofEpochSecond(T0 + 5)));
        clock.tick(Duration.ofSeconds(2));
        Await.until(WAIT, "another heartbeat",
                () -> q.getJob(id).orElseThrow().claimExpiresAt().equals(Instant.ofEpochSecond(T0 + 7)));
        release.countDown();
        Await.until(WAIT, "acked", () -> q.getJob(id).isEmpty());
        assertThat(q.deadJobs(1)).isEmpty();
    }

    @Test
    void concurrencyBoundsHowManyJobsRunAndAreClaimedAtOnce() {
        Queue q = honker.queue("q");
        for (int i = 0; i < 10; i++) {
            q.enqueue(i);
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        pool = honker.workers()
                .handle("q", Integer.class, WorkerOptions.defaults().withConcurrency(3), (p, job) -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await();
                    running.decrementAndGet();
                    return null;
                })
                .start();
        Await.until(WAIT, "three running", () -> running.get() == 3);
        assertThat(q.stats().processing()).as("claims of one: nothing waits claimed").isEqualTo(3);
        release.countDown();
        Await.until(WAIT, "all done", () -> live("q") == 0);
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void aClaimBatchPrefetchesUpToConcurrencyPlusBatchMinusOne() {
        Queue q = honker.queue("q");
        for (int i = 0; i < 20; i++) {
            q.enqueue(i);
        }
        AtomicInteger running = new AtomicInteger();
        pool = honker.workers()
                .handle("q", Integer.class, WorkerOptions.defaults().withConcurrency(2).withClaimBatch(5),
                        (p, job) -> {
                            running.incrementAndGet();
                            release.await();
                            return null;
                        })
                .start();
        Await.until(WAIT, "two running", () -> running.get() == 2);
        Await.until(WAIT, "a second batch claimed while one slot was free",
                () -> q.stats().processing() == 5 || q.stats().processing() == 6);
        assertThat(q.stats().processing()).isLessThanOrEqualTo(2 + 5 - 1);
        release.countDown();
        Await.until(WAIT, "all done", () -> live("q") == 0);
    }

    @Test
    void manyJobsOnSeveralQueuesAllRunExactlyOnce() {
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        Queue a = honker.queue("a");
        Queue b = honker.queue("b");
        a.enqueueAll(java.util.stream.IntStream.range(0, 500).boxed().toList(), EnqueueOptions.defaults());
        b.enqueueAll(java.util.stream.IntStream.range(0, 500).boxed().toList(), EnqueueOptions.defaults());
        pool = honker.workers()
                .handle("a", Integer.class, WorkerOptions.defaults().withConcurrency(4).withClaimBatch(16),
                        (p, job) -> runs.merge(job.id(), 1, Integer::sum))
                .handle("b", Integer.class, WorkerOptions.defaults().withConcurrency(2),
                        (p, job) -> runs.merge(job.id(), 1, Integer::sum))
                .start();
        Await.until(WAIT, "both drained", () -> live("a") + live("b") == 0);
        assertThat(runs).hasSize(1000);
        assertThat(Set.copyOf(runs.values())).containsExactly(1);
        assertThat(db.one("SELECT COUNT(*) FROM _honker_dead", Long.class)).isZero();
    }

    @Test
    void aJobCancelledWhileRunningIsReportedCancelledWhileTheOthersAck() {
        Queue q = honker.queue("q");
        List<Long> ids = q.enqueueAll(List.of(0, 1, 2, 3), EnqueueOptions.defaults());
        Events events = new Events();
        pool = honker.workers()
                .listener(events)
                .handle("q", Integer.class, WorkerOptions.defaults().withClaimBatch(4), (Integer p, Job job) -> {
                    if (p == 0) {
                        q.cancel(job.id());
                    }
                    return p;
                })
                .start();
        Await.until(WAIT, "every job settled", () -> events.seen.stream()
                .filter(e -> e.startsWith("succeeded:") || e.startsWith("cancelled:")).count() == 4);
        assertThat(events.seen).doesNotContain("lost:" + ids.get(0)).contains("cancelled:" + ids.get(0), "succeeded:" + ids.get(1), "succeeded:" + ids.get(2),
                "succeeded:" + ids.get(3));
        assertThat(honker.results().getJson(ids.get(0))).as("no result for a cancelled job").isEmpty();
        assertThat(honker.results().getJson(ids.get(3))).contains("3");
        assertThat(live("q")).isZero();
    }

    @Test
    void shortJobsRunExactlyOnceAcrossPausesAndAShutdownMidway() throws Exception {
        Queue q = honker.queue("q");
        q.enqueueAll(java.util.stream.IntStream.range(0, 3000).boxed().toList(), EnqueueOptions.defaults());
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        Events events = new Events();
        pool = honker.workers()
                .listener(events)
                .handle("q", Integer.class, WorkerOptions.defaults().withConcurrency(4).withClaimBatch(8),
                        (p, job) -> runs.merge(job.id(), 1, Integer::sum))
                .start();
        for (int i = 1; i <= 3; i++) {
            int atLeast = i * 400;
            Await.until(WAIT, atLeast + " jobs run", () -> runs.size() >= atLeast);
            pool.pause("q");
            Await.until(WAIT, "nothing held while paused", () -> q.stats().processing() == 0);
            pool.resume("q");
        }
        Await.until(WAIT, "1,500 jobs run", () -> runs.size() >= 1500);
        assertThat(pool.shutdown(WAIT)).as("every job settled").isTrue();
        assertThat(q.stats().processing()).isZero();
        assertThat(q.stats().dead()).isZero();
        assertThat(Set.copyOf(runs.values())).containsExactly(1);
        assertThat(live("q")).as("the rest left pending, attempts unspent").isEqualTo(3000 - runs.size());
        assertThat(db.one("SELECT COUNT(*) FROM _honker_live WHERE queue = 'q' AND attempts > 0", Long.class))
                .isZero();
        assertThat(events.seen).noneMatch(e -> e.startsWith("lost:") || e.startsWith("failed:"));
    }

    @Test
    void shutdownLetsRunningJobsFinishAndClaimsNothingNew() throws Exception {
        Queue q = honker.queue("q");
        long first = q.enqueue("first");
        CountDownLatch started = new CountDownLatch(1);
        pool = honker.workers()
                .handle("q", String.class, (p, job) -> {
                    started.countDown();
                    release.await();
                    return "done";
                })
                .start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] clean = new boolean[1];
        Thread stopper = new Thread(() -> {
            try {
                clean[0] = pool.shutdown(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        });
        stopper.start();
        Await.until(WAIT, "shutdown begun", pool::isShutdown);
        long second = q.enqueue("second");
        release.countDown();
        assertThat(stopped.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(clean[0]).isTrue();
        assertThat(q.getJob(first)).as("finished and acked").isEmpty();
        assertThat(honker.results().getJson(first)).contains("\"done\"");
        JobInfo left = q.getJob(second).orElseThrow();
        assertThat(left.state()).isEqualTo(JobState.PENDING);
        assertThat(left.attempts()).isZero();
    }

    @Test
    void atTheDeadlineRunningJobsAreInterruptedAndGivenBackWithoutSpendingAnAttempt() throws Exception {
        Queue q = honker.queue("q");
        long id = q.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(1));
        long waiting = q.enqueue("y", EnqueueOptions.defaults().withMaxAttempts(1));
        CountDownLatch started = new CountDownLatch(1);
        Events events = new Events();
        pool = honker.workers().listener(events)
                .handle("q", String.class, WorkerOptions.defaults().withClaimBatch(2), (p, job) -> {
                    started.countDown();
                    new CountDownLatch(1).await(); // until interrupted
                    return null;
                })
                .start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.shutdown(Duration.ZERO)).isTrue();
        for (long job : List.of(id, waiting)) {
            JobInfo info = q.getJob(job).orElseThrow();
            assertThat(info.state()).isEqualTo(JobState.PENDING);
            assertThat(info.attempts()).as("no attempt spent").isZero();
            assertThat(info.workerId()).isNull();
            assertThat(info.runAt()).as("due at once").isEqualTo(Instant.ofEpochSecond(T0));
        }
        assertThat(q.deadJobs(5)).as("a last attempt is not burned (upstream's Python worker burns it)").isEmpty();
        assertThat(events.seen).contains("released:" + id, "released:" + waiting);
        assertThat(q.claimOne("next").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aLaterShutdownWithAShorterGraceBringsTheDeadlineForward() throws Exception {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        CountDownLatch started = new CountDownLatch(1);
        pool = honker.workers()
                .handle("q", String.class, (p, job) -> {
                    started.countDown();
                    new CountDownLatch(1).await(); // until interrupted
                    return null;
                })
                .start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread patient = new Thread(() -> {
            try {
                pool.shutdown(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        patient.start();
        Await.until(WAIT, "the first shutdown under way", pool::isShutdown);
        assertThat(pool.shutdown(Duration.ZERO)).as("without waiting the hour").isTrue();
        patient.join();
        assertThat(q.getJob(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void pauseStopsClaimingAQueueAndResumeStartsAgain() {
        Queue paused = honker.queue("p");
        Queue other = honker.queue("o");
        pool = honker.workers()
                .handle("p", String.class, (p, job) -> null)
                .handle("o", String.class, (p, job) -> null)
                .start();
        pool.pause("p");
        assertThat(pool.isPaused("p")).isTrue();
        long held = paused.enqueue("x");
        other.enqueue("y");
        Await.until(WAIT, "the other queue worked meanwhile", () -> live("o") == 0);
        other.enqueue("z");
        Await.until(WAIT, "and again", () -> live("o") == 0);
        assertThat(paused.getJob(held).orElseThrow().state()).isEqualTo(JobState.PENDING);
        pool.resume("p");
        assertThat(pool.isPaused("p")).isFalse();
        Await.until(WAIT, "the paused queue worked after resume", () -> live("p") == 0);
    }

    @Test
    void aRateLimitBoundsJobStartsPerWindow() {
        Queue q = honker.queue("q");
        Queue other = honker.queue("o");
        for (int i = 0; i < 5; i++) {
            q.enqueue(i);
        }
        AtomicInteger done = new AtomicInteger();
        pool = honker.workers()
                .handle("q", Integer.class, WorkerOptions.defaults().withConcurrency(4).withClaimBatch(4)
                        .withRateLimit(2, Duration.ofSeconds(60)), (p, job) -> done.incrementAndGet())
                .handle("o", String.class, (p, job) -> null)
                .start();
        Await.until(WAIT, "two jobs in the first window", () -> done.get() == 2);
        other.enqueue("tick");
        Await.until(WAIT, "the other queue worked meanwhile", () -> live("o") == 0);
        assertThat(done.get()).isEqualTo(2);
        assertThat(live("q")).isEqualTo(3);
        clock.tick(Duration.ofSeconds(60));
        Await.until(WAIT, "two more in the next window", () -> done.get() == 4);
        clock.tick(Duration.ofSeconds(60));
        Await.until(WAIT, "the last one", () -> done.get() == 5);
    }

    @Test
    void statsArePolledForTheListener() {
        honker.queue("q").enqueue("x", EnqueueOptions.defaults().withDelay(Duration.ofHours(1)));
        Events events = new Events();
        pool = honker.workers().listener(events).statsEvery(Duration.ofSeconds(1))
                .handle("q", String.class, (p, job) -> null)
                .start();
        Await.until(WAIT, "stats reported", () -> !events.stats.isEmpty());
        assertThat(events.stats.get(0)).isEqualTo(new QueueStats("q", 1, 0, 0, Duration.ZERO));
    }

    @Test
    void badConfigurationIsRejectedNamingTheValue() {
        assertThatThrownBy(() -> honker.workers().start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one handler");
        assertThatThrownBy(() -> honker.workers().handle("q", String.class, (p, j) -> null)
                .handle("q", String.class, (p, j) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'q'");
        assertThatThrownBy(() -> WorkerOptions.defaults().withConcurrency(0))
                .hasMessageContaining("concurrency").hasMessageContaining("0");
        assertThatThrownBy(() -> WorkerOptions.defaults().withClaimBatch(-3)).hasMessageContaining("-3");
        assertThatThrownBy(() -> WorkerOptions.defaults().withLease(Duration.ofNanos(500_000_000)))
                .hasMessageContaining("PT0.5S");
        assertThatThrownBy(() -> WorkerOptions.defaults().withRateLimit(0, Duration.ofSeconds(1)))
                .hasMessageContaining("0");
        assertThatThrownBy(() -> RetryPolicy.exponential(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .hasMessageContaining("PT5S").hasMessageContaining("PT10S");
        assertThatThrownBy(() -> honker.workers().workerIdPrefix(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> honker.workers().statsEvery(Duration.ZERO)).hasMessageContaining("stats interval");
        Object error = honker.jdbi().withHandle(h -> {
            try {
                JdbiHonker.attach(h).workers();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(error).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownQueueNamesAreRejected() {
        pool = honker.workers().handle("q", String.class, (p, job) -> null).start();
        assertThat(pool.queues()).containsExactly("q");
        assertThatThrownBy(() -> pool.pause("nope")).hasMessageContaining("'nope'");
    }

    @Test
    void aHandlerThatLeavesItsInterruptFlagSetDoesNotStopItsRunner() {
        Queue q = honker.queue("q");
        for (int i = 0; i < 5; i++) {
            q.enqueue(i);
        }
        AtomicInteger ran = new AtomicInteger();
        pool = honker.workers()
                .handle("q", Integer.class, (p, job) -> {
                    ran.incrementAndGet();
                    Thread.currentThread().interrupt(); // e.g. a library that restores the flag
                    return null;
                })
                .start();
        Await.until(WAIT, "all five run by the one runner", () -> live("q") == 0);
        assertThat(ran.get()).isEqualTo(5);
    }

    @Test
    void aListenerThatThrowsStopsNothing() {
        Queue q = honker.queue("q");
        for (int i = 0; i < 5; i++) {
            q.enqueue(i);
        }
        pool = honker.workers()
                .listener(new WorkerListener() {
                    @Override
                    public void jobStarted(Job job) {
                        throw new IllegalStateException("metrics down");
                    }

                    @Override
                    public void jobSucceeded(Job job, Duration took) {
                        throw new AssertionError("a listener bug");
                    }
                })
                .handle("q", Integer.class, WorkerOptions.defaults().withConcurrency(2), (p, job) -> null)
                .start();
        Await.until(WAIT, "all acked", () -> live("q") == 0);
        q.enqueue(6);
        Await.until(WAIT, "and the pool still works", () -> live("q") == 0);
    }

    @Test
    void aJobReclaimedAfterItsLeaseLapsedCannotBeSettledByItsFirstRun() throws InterruptedException {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        CountDownLatch firstStarted = new CountDownLatch(1);
        List<String> workers = new CopyOnWriteArrayList<>();
        Events events = new Events();
        pool = honker.workers().workerIdPrefix("p").listener(events)
                .handle("q", String.class, WorkerOptions.defaults().withConcurrency(2).withLease(Duration.ofSeconds(3)),
                        (p, job) -> {
                            workers.add(job.workerId());
                            if (job.attempts() == 1) {
                                firstStarted.countDown();
                                release.await(); // stalls past its lease
                            }
                            return "run " + job.attempts();
                        })
                .start();
        assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
        clock.tick(Duration.ofSeconds(10)); // the lease lapses; the pool's own dispatcher claims the job again
        Await.until(WAIT, "the second run acked", () -> q.getJob(id).isEmpty());
        release.countDown();
        Await.until(WAIT, "the first run told its claim was lost", () -> events.seen.contains("lost:" + id));
        assertThat(workers).containsExactly("p-q-1", "p-q-2");
        assertThat(honker.results().getJson(id)).as("the second run's result, not overwritten").contains("\"run 2\"");
    }

    @Test
    void shutdownFromAHandlerDoesNotWaitForItself() throws InterruptedException {
        Queue q = honker.queue("q");
        long first = q.enqueue("stop");
        boolean[] returned = new boolean[1];
        CountDownLatch called = new CountDownLatch(1);
        pool = honker.workers()
                .handle("q", String.class, (p, job) -> {
                    returned[0] = pool.shutdown(Duration.ofSeconds(30));
                    called.countDown();
                    return null;
                })
                .start();
        assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(returned[0]).as("not finished yet: it runs on").isFalse();
        Await.until(WAIT, "the pool stopped and acked the job", () -> pool.isShutdown() && q.getJob(first).isEmpty());
        long later = q.enqueue("later");
        assertThat(pool.shutdown(Duration.ofSeconds(30))).isTrue();
        assertThat(q.getJob(later).orElseThrow().state()).isEqualTo(JobState.PENDING);
    }

    @Test
    void aRateLimitCountsOnlyJobsClaimedSoAnIdleWorkerSpendsNothing() {
        Queue q = honker.queue("q");
        Queue other = honker.queue("o");
        pool = honker.workers()
                .handle("q", String.class, WorkerOptions.defaults().withRateLimit(5, Duration.ofSeconds(60)),
                        (p, job) -> null)
                .handle("o", String.class, (p, job) -> null)
                .start();
        for (int i = 0; i < 3; i++) {
            other.enqueue("tick " + i); // commits that wake the idle rate-limited worker
            Await.until(WAIT, "the other queue worked", () -> live("o") == 0);
        }
        q.enqueue("a");
        q.enqueue("b");
        Await.until(WAIT, "both ran", () -> live("q") == 0);
        long counted = db.one("SELECT COALESCE(SUM(count), 0) FROM _honker_rate_limits WHERE name = 'worker:q'",
                Long.class);
        assertThat(counted).as("one count per job, none while idle").isEqualTo(2);
    }

    @Test
    void aResultThatCannotBeEncodedIsDroppedAndTheJobStillAcked() {
        Queue q = honker.queue("q");
        long id = q.enqueue("x");
        AtomicInteger runs = new AtomicInteger();
        pool = honker.workers()
                .handle("q", String.class, (p, job) -> {
                    runs.incrementAndGet();
                    return new Object(); // Jackson: no serializer
                })
                .start();
        Await.until(WAIT, "acked", () -> q.getJob(id).isEmpty());
        assertThat(runs.get()).as("not run again for its result's sake").isEqualTo(1);
        assertThat(q.deadJobs(1)).isEmpty();
        assertThat(honker.results().getJson(id)).isEmpty();
    }

    /** A second honker of its own on the test's database: a second open of the file here. */
    JdbiHonker anotherHonkerOnTheDatabase() {
        return io.honkerj.jdbi.Honkers.builder(honker.file().orElseThrow()).clock(clock).open();
    }

    @Test
    void closingTheHonkerShutsItsPoolsDownFirst() throws Exception {
        JdbiHonker own = anotherHonkerOnTheDatabase();
        long id = own.queue("q").enqueue("x");
        CountDownLatch started = new CountDownLatch(1);
        WorkerPool ownPool = own.workers()
                .handle("q", String.class, (p, job) -> {
                    started.countDown();
                    release.await();
                    return "done";
                })
                .start();
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(own::close);
        closer.start();
        Await.until(WAIT, "the close to begin shutting the pool down", ownPool::isShutdown);
        release.countDown();
        closer.join();
        assertThat(honker.queue("q").getJob(id)).as("acked while the connections were still open").isEmpty();
        assertThat(honker.results().getJson(id)).contains("\"done\"");
    }

    @Test
    void handlersRunOnVirtualThreadsWhenTheRuntimeHasThemElsePlatformThreads() throws Exception {
        honker.queue("q").enqueue("x");
        java.util.concurrent.CompletableFuture<Thread> ran = new java.util.concurrent.CompletableFuture<>();
        pool = honker.workers().handle("q", String.class, (p, job) -> ran.complete(Thread.currentThread())).start();
        Thread thread = ran.get(30, TimeUnit.SECONDS);
        java.lang.reflect.Method isVirtual;
        try {
            isVirtual = Thread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException java17) {
            assertThat(thread.getName()).startsWith("honker-worker-");
            return;
        }
        assertThat(isVirtual.invoke(thread)).as("Java 21+: " + thread).isEqualTo(true);
    }

    @Test
    void retryPolicyDelaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
        RetryPolicy plain = RetryPolicy.exponential(Duration.ofSeconds(2), Duration.ofSeconds(60)).withJitter(false);
        java.util.Random random = new java.util.Random(1);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40).stream().map(a -> plain.delayAfter(a, random).getSeconds()))
                .containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        RetryPolicy jittered = plain.withJitter(true);
        for (int i = 0; i < 200; i++) {
            assertThat(jittered.delayAfter(4, random).getSeconds()).isBetween(8L, 16L);
        }
        assertThat(RetryPolicy.exponential(Duration.ZERO, Duration.ZERO).delayAfter(3, random)).isZero();
        assertThat(plain.exhausted(3, 3)).isTrue();
        assertThat(plain.exhausted(2, 3)).isFalse();
        assertThat(plain.withMaxAttempts(2).exhausted(2, 3)).isTrue();
    }
}
