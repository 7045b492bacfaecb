package io.honkerj.jdbi.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.MisfirePolicy;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.Scheduler;
import io.honkerj.api.Stream;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The metrics on a {@link SimpleMeterRegistry}: gauges read from the file, counters and timers of a pool. */
class HonkerMetricsTest {
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
    SimpleMeterRegistry registry;
    HonkerMetrics metrics;
    WorkerPool pool;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        registry = new SimpleMeterRegistry();
        metrics = HonkerMetrics.of(honker, Duration.ZERO);
        metrics.bindTo(registry);
    }

    @AfterEach
    void close() throws InterruptedException {
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(10));
        }
        metrics.close();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void gaugesCountJobsPerQueueAndStateFromTheFile() {
        Queue emails = honker.queue("emails");
        emails.enqueueAll(java.util.Collections.nCopies(5, Map.of("to", "a@example.com")), EnqueueOptions.defaults());
        emails.enqueue(Map.of("to", "later"), EnqueueOptions.defaults().withDelay(Duration.ofMinutes(10)));
        clock.tick(Duration.ofSeconds(90));
        emails.claimBatch("w", 2);
        Queue reports = honker.queue("reports");
        reports.enqueue(Map.of("r", 1), EnqueueOptions.defaults().withMaxAttempts(1));
        reports.claimOne("w").orElseThrow().fail("boom");

        metrics.refresh();
        assertThat(gauge("honker.jobs", "queue", "emails", "state", "pending")).isEqualTo(4);
        assertThat(gauge("honker.jobs", "queue", "emails", "state", "processing")).isEqualTo(2);
        assertThat(gauge("honker.jobs", "queue", "emails", "state", "dead")).isZero();
        assertThat(gauge("honker.jobs", "queue", "reports", "state", "dead")).isEqualTo(1);
        assertThat(gauge("honker.jobs.oldest.pending", "queue", "emails")).isEqualTo(90);
        assertThat(gauge("honker.jobs.oldest.pending", "queue", "reports")).isZero();
        assertThat(registry.get("honker.jobs.oldest.pending").gauge().getId().getBaseUnit()).isEqualTo("seconds");

        honker.queue("reports").purgeDead();
        metrics.refresh();
        assertThat(gauge("honker.jobs", "queue", "reports", "state", "dead")).as("a queue with no jobs left").isZero();
        honker.queue("brand-new").enqueue(Map.of("n", 1));
        metrics.refresh();
        assertThat(gauge("honker.jobs", "queue", "brand-new", "state", "pending")).isEqualTo(1);
    }

    @Test
    void streamLagAndLocks() {
        Stream orders = honker.stream("orders");
        for (int i = 0; i < 10; i++) {
            orders.publish(Map.of("n", i));
        }
        orders.saveOffset("billing", orders.readSince(0, 10).get(3).offset());
        honker.tryLock("nightly-export", "host-a", Duration.ofSeconds(60)).orElseThrow();

        metrics.refresh();
        assertThat(gauge("honker.stream.lag", "consumer", "billing", "topic", "orders")).isEqualTo(6);
        assertThat(gauge("honker.lock.held", "lock", "nightly-export")).isEqualTo(1);
        clock.tick(Duration.ofSeconds(61));
        metrics.refresh();
        assertThat(gauge("honker.lock.held", "lock", "nightly-export")).as("lapsed").isZero();
        honker.tryLock("nightly-export", "host-b", Duration.ofSeconds(60)).orElseThrow().close();
        metrics.refresh();
        assertThat(gauge("honker.lock.held", "lock", "nightly-export")).as("released").isZero();
    }

    @Test
    void aPoolsJobsAreCountedAndTimedByOutcome() throws InterruptedException {
        Queue q = honker.queue("work");
        q.enqueue(Map.of("kind", "ok"));
        q.enqueue(Map.of("kind", "ok"));
        q.enqueue(Map.of("kind", "retry"), EnqueueOptions.defaults().withMaxAttempts(3));
        q.enqueue(Map.of("kind", "die"), EnqueueOptions.defaults().withMaxAttempts(1));
        q.enqueue(Map.of("kind", "block"));
        clock.tick(Duration.ofSeconds(5)); // every job has waited 5 s when it starts
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool = honker.workers()
                .handle("work", Map.class, WorkerOptions.defaults().withConcurrency(4), (payload, job) -> {
                    switch (String.valueOf(payload.get("kind"))) {
                        case "retry", "die" -> throw new IllegalStateException("no");
                        case "block" -> {
                            blocking.countDown();
                            release.await(30, TimeUnit.SECONDS);
                        }
                        default -> { }
                    }
                    return null;
                })
                .listener(metrics)
                .start();
        assertThat(blocking.await(30, TimeUnit.SECONDS)).isTrue();
        Await.until(WAIT, "three jobs finished", () -> registry.find("honker.jobs.completed").counters().stream()
                .mapToDouble(c -> c.count()).sum() >= 4);
        assertThat(registry.get("honker.jobs.active").tags("queue", "work").longTaskTimer().activeTasks()).isEqualTo(1);
        release.countDown();
        Await.until(WAIT, "the blocked job succeeded",
                () -> registry.find("honker.jobs.completed").tags("outcome", "succeeded").counter() != null
                        && registry.get("honker.jobs.completed").tags("outcome", "succeeded").counter().count() == 3);

        assertThat(count("honker.jobs.completed", "queue", "work", "outcome", "failed")).isEqualTo(1);
        assertThat(count("honker.jobs.completed", "queue", "work", "outcome", "dead_lettered")).isEqualTo(1);
        assertThat(registry.get("honker.job.duration").tags("outcome", "succeeded").timer().count()).isEqualTo(3);
        assertThat(registry.get("honker.job.wait").tags("queue", "work").timer().count()).isEqualTo(5);
        assertThat(registry.get("honker.job.wait").timer().max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(5);
        assertThat(registry.get("honker.jobs.active").longTaskTimer().activeTasks()).isZero();
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getName()).matches("honker(\\.[a-z]+)+");
            assertThat(m.getId().getTags()).noneMatch(t -> t.getKey().equals("id") || t.getKey().equals("job"));
        }
    }

    @Test
    void releasedClaimLostCancelledTimedOutAndSchedulerEvents() {
        Queue q = honker.queue("work");
        q.enqueue(Map.of("n", 1));
        Job job = q.claimOne("w").orElseThrow();
        metrics.jobStarted(job);
        metrics.jobReleased(job);
        metrics.claimLost(job);
        metrics.jobCancelled(job);
        metrics.jobTimedOut(job, Duration.ofSeconds(3));
        Scheduler scheduler = honker.schedulerBuilder().zone(ZoneOffset.UTC)
                .misfirePolicy(MisfirePolicy.FIRE_LATEST).listener(metrics).build();
        scheduler.add(ScheduledTask.of("nightly", "reports", "@every 60s", 1));
        scheduler.tick(Instant.ofEpochSecond(T0 + 60)); // on time: one fire
        scheduler.tick(Instant.ofEpochSecond(T0 + 540)); // 8 boundaries due: the latest fires, 7 skipped

        assertThat(count("honker.jobs.completed", "queue", "work", "outcome", "released")).isEqualTo(1);
        assertThat(count("honker.jobs.completed", "queue", "work", "outcome", "claim_lost")).isEqualTo(1);
        assertThat(count("honker.jobs.completed", "queue", "work", "outcome", "cancelled")).isEqualTo(1);
        assertThat(count("honker.jobs.timed.out", "queue", "work")).isEqualTo(1);
        assertThat(count("honker.scheduler.fires", "task", "nightly")).isEqualTo(2);
        assertThat(count("honker.scheduler.skipped", "task", "nightly")).isEqualTo(7);
        assertThat(registry.get("honker.jobs.active").longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void installBindsAndRefreshesInTheBackground() {
        honker.queue("emails").enqueue(Map.of("to", "a"));
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        try (HonkerMetrics installed = HonkerMetrics.install(honker, other)) {
            assertThat(other.get("honker.jobs").tags("queue", "emails", "state", "pending").gauge().value()).isEqualTo(1);
        }
        assertThatThrownBy(() -> HonkerMetrics.of(honker, Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
    }
}
