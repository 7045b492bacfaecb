package io.honkerj.jdbi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.InvalidCronException;
import io.honkerj.api.Job;
import io.honkerj.api.MisfirePolicy;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.Scheduler;
import io.honkerj.api.SchedulerListener;
import io.honkerj.api.SkippedBoundaries;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
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
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    @TempDir
    Path dir;

    SettableClock clock;
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

    /** What a listener heard, in order. */
    static final class Recorder implements SchedulerListener {
        final List<ScheduledFire> fired = Collections.synchronizedList(new ArrayList<>());
        final List<SkippedBoundaries> skipped = Collections.synchronizedList(new ArrayList<>());
        final List<String> leadership = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void fired(ScheduledFire fire) {
            fired.add(fire);
        }

        @Override
        public void skipped(SkippedBoundaries s) {
            skipped.add(s);
        }

        @Override
        public void leadershipAcquired(String owner) {
            leadership.add("acquired " + owner);
        }

        @Override
        public void leadershipLost(String owner) {
            leadership.add("lost " + owner);
        }

        @Override
        public void leadershipReleased(String owner) {
            leadership.add("released " + owner);
        }
    }

    private Scheduler scheduler(MisfirePolicy policy, SchedulerListener listener) {
        return honker.schedulerBuilder().zone(ZoneOffset.UTC).misfirePolicy(policy).listener(listener).build();
    }

    @Test
    void theDefaultPolicyReportsEveryBoundaryPastTheCapAsSkipped() {
        Recorder heard = new Recorder();
        Scheduler s = scheduler(MisfirePolicy.CATCH_UP_CAPPED, heard);
        s.add(ScheduledTask.of("fast", "q", "@every 1s", 1));
        s.add(ScheduledTask.of("cron", "q", "* * * * * *", 1));
        List<ScheduledFire> fires = s.tick(at(T0 + 500));
        assertThat(fires).hasSize(128);
        assertThat(heard.fired).isEqualTo(fires);
        assertThat(heard.skipped).containsExactly(
                new SkippedBoundaries("cron", "q", 436, at(T0 + 65), at(T0 + 500), MisfirePolicy.CATCH_UP_CAPPED),
                new SkippedBoundaries("fast", "q", 436, at(T0 + 65), at(T0 + 500), MisfirePolicy.CATCH_UP_CAPPED));
        assertThat(s.list()).extracting(ScheduledTaskInfo::nextFireAt).containsOnly(at(T0 + 501));
        assertThat(honker.queue("q").stats().pending()).as("fired + skipped = every boundary").isEqualTo(128);
    }

    @Test
    void catchUpAllFiresEveryMissedBoundaryInBatches() {
        Recorder heard = new Recorder();
        Scheduler s = scheduler(MisfirePolicy.CATCH_UP_ALL, heard);
        s.add(ScheduledTask.of("fast", "q", "@every 1s", 1));
        List<ScheduledFire> fires = s.tick(at(T0 + 2500));
        assertThat(fires).extracting(f -> f.fireAt().getEpochSecond() - T0)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 2500).boxed().toList());
        assertThat(heard.skipped).isEmpty();
        assertThat(s.list().get(0).nextFireAt()).isEqualTo(at(T0 + 2501));
        assertThat(honker.queue("q").stats().pending()).isEqualTo(2500);
    }

    @Test
    void fireLatestFiresOnceForTheLatestBoundaryAndReportsTheRest() {
        Recorder heard = new Recorder();
        Scheduler s = scheduler(MisfirePolicy.FIRE_LATEST, heard);
        s.add(ScheduledTask.of("tens", "q", "*/10 * * * * *", 1));
        s.add(ScheduledTask.of("every7", "q", "@every 7s", 1));
        assertThat(s.tick(at(T0 + 10))).extracting(ScheduledFire::name, ScheduledFire::fireAt)
                .as("on time: one boundary each, nothing skipped").containsExactly(
                        org.assertj.core.groups.Tuple.tuple("every7", at(T0 + 7)),
                        org.assertj.core.groups.Tuple.tuple("tens", at(T0 + 10)));
        assertThat(heard.skipped).isEmpty();
        List<ScheduledFire> fires = s.tick(at(T0 + 95));
        assertThat(fires).extracting(ScheduledFire::name, ScheduledFire::fireAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("every7", at(T0 + 91)),
                org.assertj.core.groups.Tuple.tuple("tens", at(T0 + 90)));
        assertThat(heard.skipped).containsExactly(
                new SkippedBoundaries("every7", "q", 11, at(T0 + 14), at(T0 + 84), MisfirePolicy.FIRE_LATEST),
                new SkippedBoundaries("tens", "q", 7, at(T0 + 20), at(T0 + 80), MisfirePolicy.FIRE_LATEST));
        assertThat(s.list()).extracting(ScheduledTaskInfo::name, ScheduledTaskInfo::nextFireAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("every7", at(T0 + 98)),
                org.assertj.core.groups.Tuple.tuple("tens", at(T0 + 100)));
    }

    @Test
    void aLongOutageOfAFineScheduleIsCountedUpToTheCapAndSpannedToTheEnd() {
        Recorder heard = new Recorder();
        Scheduler s = scheduler(MisfirePolicy.FIRE_LATEST, heard);
        s.add(ScheduledTask.of("cron", "q", "* * * * * *", 1));
        long end = T0 + 1_000_000;
        assertThat(s.tick(at(end))).extracting(ScheduledFire::fireAt).containsExactly(at(end));
        assertThat(heard.skipped).containsExactly(new SkippedBoundaries("cron", "q", SkippedBoundaries.MAX_COUNTED,
                at(T0 + 1), at(end - 1), MisfirePolicy.FIRE_LATEST));
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheTick() {
        Scheduler s = scheduler(MisfirePolicy.CATCH_UP_CAPPED, new SchedulerListener() {
            @Override
            public void fired(ScheduledFire fire) {
                throw new IllegalStateException("listener bug");
            }
        });
        s.add(ScheduledTask.of("t", "q", "@every 10s", 1));
        assertThat(s.tick(at(T0 + 30))).hasSize(3);
        assertThat(s.list().get(0).nextFireAt()).isEqualTo(at(T0 + 40));
    }

    @Test
    void leaderTtlBelowThreeSecondsIsRejectedNamingIt() {
        assertThatThrownBy(() -> honker.schedulerBuilder().leaderTtl(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2S");
        assertThatThrownBy(() -> honker.schedulerBuilder().leaderTtl(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
    }

    /**
     * Every process adds its tasks at start-up: an unchanged task keeps its next fire (and its paused state),
     * so the boundaries the leader has not fired yet still fire; a changed expression starts from now.
     */
    @Test
    void addingAnExistingTaskAgainKeepsItsNextFireUnlessItsCronChanged() {
        scheduler.add(ScheduledTask.of("t", "q", "@every 10s", 1));
        clock.set(at(T0 + 35));
        scheduler.add(ScheduledTask.of("t", "q", "@every 10s", 2).withPriority(4));
        assertThat(scheduler.list().get(0)).satisfies(t -> {
            assertThat(t.nextFireAt()).isEqualTo(at(T0 + 10));
            assertThat(t.payload()).isEqualTo("2");
            assertThat(t.priority()).isEqualTo(4);
        });
        assertThat(scheduler.tick(at(T0 + 35))).extracting(ScheduledFire::fireAt)
                .containsExactly(at(T0 + 10), at(T0 + 20), at(T0 + 30));

        scheduler.pause("t");
        clock.set(at(T0 + 47));
        scheduler.add(ScheduledTask.of("t", "q", "@every 10s", 2));
        assertThat(scheduler.list().get(0)).satisfies(t -> {
            assertThat(t.enabled()).isFalse();
            assertThat(t.nextFireAt()).isEqualTo(at(T0 + 40));
        });
        scheduler.add(ScheduledTask.of("t", "q", "@every 5s", 2));
        assertThat(scheduler.list().get(0)).satisfies(t -> {
            assertThat(t.enabled()).as("still paused").isFalse();
            assertThat(t.nextFireAt()).as("a new expression starts from now").isEqualTo(at(T0 + 52));
        });
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
        List<JdbiHonker> two = twoHonkersOnOneDatabase();
        try (JdbiHonker a = two.get(0); JdbiHonker b = two.get(1)) {
            a.scheduler().add(ScheduledTask.of("t", "q", "@every 1h", 1));
            Recorder heardA = new Recorder();
            Recorder heardB = new Recorder();
            AtomicBoolean stopA = new AtomicBoolean();
            AtomicBoolean stopB = new AtomicBoolean();
            Thread runA = new Thread(() -> run(a.schedulerBuilder().listener(heardA).build(), "a", stopA));
            runA.start();
            Await.until(Duration.ofSeconds(30), "a to lead", () -> "a".equals(leader(a)));
            Thread runB = new Thread(() -> run(b.schedulerBuilder().listener(heardB).build(), "b", stopB));
            runB.start();
            assertThat(a.tryLock(Scheduler.LEADER_LOCK, "c", Duration.ofSeconds(5))).as("led by a").isEmpty();
            stopA.set(true);
            runA.join();
            assertThat(heardA.leadership).containsExactly("acquired a", "released a");
            Await.until(Duration.ofSeconds(30), "b to take over", () -> "b".equals(leader(b)));
            assertThat(heardB.leadership).containsExactly("acquired b");
            stopB.set(true);
            runB.join();
            assertThat(leader(a)).as("released on return").isNull();
            assertThat(heardB.leadership).containsExactly("acquired b", "released b");
        }
    }

    /** Two honkers on one database, as two processes: two opens of one file here (real time). */
    List<JdbiHonker> twoHonkersOnOneDatabase() {
        Path file = dir.resolve("leaders.db");
        return List.of(Honkers.open(file), Honkers.open(file));
    }

    /** A leader whose lease lapsed (stalled past its TTL) and was taken hears it lost, and stands by. */
    @Test
    void aLeaderWhoseLeaseWasTakenHearsItLostLeadershipAndStandsBy() throws Exception {
        Recorder heard = new Recorder();
        Scheduler s = honker.schedulerBuilder().leaderTtl(Duration.ofSeconds(3)).listener(heard).build();
        AtomicBoolean stop = new AtomicBoolean();
        Thread runner = new Thread(() -> run(s, "x", stop));
        runner.start();
        Await.until(Duration.ofSeconds(30), "x to lead", () -> heard.leadership.contains("acquired x"));
        // x renews every second of real time and a renewal revives a lapsed lease, so one that lands between
        // the tick and y's take wins the race: move time past x's lease again until y holds the lock
        Await.until(Duration.ofSeconds(30), "y to take the lapsed lease", () -> {
            clock.tick(Duration.ofSeconds(10));
            return honker.tryLock(Scheduler.LEADER_LOCK, "y", Duration.ofSeconds(60)).isPresent();
        });
        Await.until(Duration.ofSeconds(30), "x to notice", () -> heard.leadership.contains("lost x"));
        stop.set(true);
        runner.join();
        assertThat(heard.leadership).containsExactly("acquired x", "lost x");
        assertThat(leader(honker)).isEqualTo("y");
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
