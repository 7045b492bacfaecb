package io.honkerj.jdbi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.InvalidCronException;
import io.honkerj.api.Job;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.Scheduler;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    static final long T0 = 1_700_000_000L; // a multiple of 10 s

    @RegisterExtension
    final HonkerExtension db = new HonkerExtension(T0);

    @TempDir
    Path dir;

    MutableClock clock;
    JdbiHonker honker;
    Scheduler scheduler;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        scheduler = honker.scheduler(ZoneOffset.UTC);
    }

    private Instant at(long seconds) {
        return Instant.ofEpochSecond(seconds);
    }

    @Test
    void tickFiresOncePerBoundaryAndEnqueuesWithTheTaskOptions() {
        scheduler.add(ScheduledTask.of("heartbeat", "ops", "@every 10s", Map.of("kind", "ping"))
                .withPriority(3).withMaxAttempts(2).withExpires(Duration.ofMinutes(5)));
        assertThat(scheduler.list()).singleElement().satisfies(t -> {
            assertThat(t.nextFireAt()).isEqualTo(at(T0 + 10));
            assertThat(t.cron()).isEqualTo("@every 10s");
            assertThat(t.enabled()).isTrue();
        });
        assertThat(scheduler.tick(at(T0 + 9))).isEmpty();
        clock.set(at(T0 + 35));
        List<ScheduledFire> fires = scheduler.tick(at(T0 + 35));
        assertThat(fires).extracting(ScheduledFire::fireAt).containsExactly(at(T0 + 10), at(T0 + 20), at(T0 + 30));
        assertThat(scheduler.tick(at(T0 + 35))).as("a second tick at the same moment fires nothing").isEmpty();
        Job job = honker.queue("ops").claimOne("w").orElseThrow();
        assertThat(job.priority()).isEqualTo(3);
        assertThat(job.maxAttempts()).isEqualTo(2);
        assertThat(job.payloadJson()).isEqualTo("{\"kind\":\"ping\"}");
        assertThat(honker.queue("ops").getJob(job.id()).orElseThrow().expiresAt()).isEqualTo(at(T0 + 35 + 300));
        assertThat(scheduler.list().get(0).nextFireAt()).isEqualTo(at(T0 + 40));
    }

    @Test
    void catchUpIsCappedAt64FiresThenSkipsToTheNextBoundaryAfterNow() {
        scheduler.add(ScheduledTask.of("fast", "q", "@every 1s", 1));
        List<ScheduledFire> fires = scheduler.tick(at(T0 + 500));
        assertThat(fires).hasSize(64);
        assertThat(scheduler.list().get(0).nextFireAt()).isEqualTo(at(T0 + 501));
    }

    /** Spec section 4 item 8: upstream's resume keeps the stale next fire and back-fills up to 64 jobs. */
    @Test
    void resumeRecomputesTheNextFireFromNowInsteadOfBackFilling() {
        scheduler.add(ScheduledTask.of("t", "q", "@every 10s", 1));
        assertThat(scheduler.pause("t")).isTrue();
        assertThat(scheduler.pause("t")).isFalse();
        clock.tick(Duration.ofSeconds(100));
        assertThat(scheduler.tick(clock.instant())).as("paused tasks do not fire").isEmpty();
        assertThat(scheduler.resume("t")).isTrue();
        assertThat(scheduler.resume("t")).isFalse();
        assertThat(scheduler.list().get(0).nextFireAt()).isEqualTo(at(T0 + 110));
        assertThat(scheduler.tick(clock.instant())).isEmpty();
    }

    @Test
    void addUpsertsByNameAndKeepsAPausedTaskPaused() {
        scheduler.add(ScheduledTask.of("t", "q", "0 * * * *", 1));
        scheduler.pause("t");
        scheduler.add(ScheduledTask.of("t", "other", "*/5 * * * *", 2).withPriority(9));
        ScheduledTaskInfo info = scheduler.list().get(0);
        assertThat(info.queue()).isEqualTo("other");
        assertThat(info.cron()).isEqualTo("*/5 * * * *");
        assertThat(info.priority()).isEqualTo(9);
        assertThat(info.enabled()).isFalse();
        assertThat(scheduler.remove("t")).isTrue();
        assertThat(scheduler.remove("t")).isFalse();
        assertThat(scheduler.list()).isEmpty();
    }

    @Test
    void invalidCronFailsAtAddNamingFieldAndValueAndStoresNothing() {
        assertThatThrownBy(() -> scheduler.add(ScheduledTask.of("t", "q", "0 25 * * *", 1)))
                .isInstanceOf(InvalidCronException.class).hasMessageContaining("hour value 25");
        assertThatThrownBy(() -> ScheduledTask.of("t", "q", "* * * * *", 1).withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThat(scheduler.list()).isEmpty();
    }

    @Test
    void cronBoundariesAreReadInTheSchedulersZone() {
        Scheduler newYork = honker.scheduler(java.time.ZoneId.of("America/New_York"));
        newYork.add(ScheduledTask.of("nine", "q", "0 9 * * *", 1));
        // 1700000000 = 2023-11-14T22:13:20Z = 17:13:20 EST; next 09:00 EST = 14:00Z on the 15th.
        assertThat(newYork.list().get(0).nextFireAt()).isEqualTo(at(1_700_056_800L));
    }

    @Test
    void onlyOneOfTwoRunningSchedulersLeadsAndAStandbyTakesOverWhenTheLeaderStops() throws Exception {
        Path file = dir.resolve("leaders.db");
        try (JdbiHonker a = Honkers.open(file); JdbiHonker b = Honkers.open(file)) {
            a.scheduler().add(ScheduledTask.of("t", "q", "@every 1h", 1));
            AtomicBoolean stopA = new AtomicBoolean();
            AtomicBoolean stopB = new AtomicBoolean();
            Thread runA = new Thread(() -> run(a.scheduler(), "a", stopA));
            runA.start();
            Await.until(Duration.ofSeconds(30), "a to lead", () -> "a".equals(leader(a)));
            Thread runB = new Thread(() -> run(b.scheduler(), "b", stopB));
            runB.start();
            assertThat(a.tryLock(Scheduler.LEADER_LOCK, "c", Duration.ofSeconds(5))).as("led by a").isEmpty();
            stopA.set(true);
            runA.join();
            Await.until(Duration.ofSeconds(30), "b to take over", () -> "b".equals(leader(b)));
            stopB.set(true);
            runB.join();
            assertThat(leader(a)).as("released on return").isNull();
        }
    }

    private static void run(Scheduler s, String owner, AtomicBoolean stop) {
        try {
            s.run(owner, stop::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String leader(JdbiHonker h) {
        return h.jdbi().withHandle(x -> x.createQuery("SELECT owner FROM _honker_locks WHERE name = 'honker-scheduler'")
                .mapTo(String.class).findOne().orElse(null));
    }
}
