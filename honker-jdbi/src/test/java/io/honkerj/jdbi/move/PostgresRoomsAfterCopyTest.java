package io.honkerj.jdbi.move;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.Scheduler;
import io.honkerj.api.StreamEvent;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.honkerj.jdbi.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a {@link HonkerCopy}, the rooms other than the queue carry on through their public API on
 * PostgreSQL: the schedule fires at the same next boundary and a paused task stays paused, stream consumers
 * resume at the event after their saved offset, a result is found under its job's id, a rate-limit window
 * keeps what it used, a lock of the old host blocks nobody. Their rows are checked with plain reads in
 * {@link HonkerCopyTest}.
 */
class PostgresRoomsAfterCopyTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path dir;

    SettableClock clock;
    HonkerCopyTest.Filled filled;
    JdbiHonker pg;

    @BeforeEach
    void copyAFilledFile() {
        clock = SettableClock.at(HonkerCopyTest.T0);
        Path file = dir.resolve("app.db");
        filled = HonkerCopyTest.fill(file, clock);
        Jdbi target = freshSchema();
        HonkerCopy.copy(file, target);
        target.getConfig(HonkerConfig.class).setClock(clock);
        pg = JdbiHonker.create(target);
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        pg.close();
    }

    private static int schemas;

    private static synchronized Jdbi freshSchema() {
        String schema = "rooms" + (++schemas);
        PG.jdbi().useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        org.postgresql.ds.PGSimpleDataSource ds = (org.postgresql.ds.PGSimpleDataSource) PG.dataSource();
        ds.setCurrentSchema(schema);
        return Jdbi.create(ds);
    }

    @Test
    void theScheduleFiresAtTheSameNextBoundaryAndAPausedTaskStaysPaused() {
        Scheduler scheduler = pg.scheduler(ZoneOffset.UTC);
        Instant boundary = Instant.parse("2026-11-29T03:00:00Z"); // "0 3 * * *" after T0, as on the file
        assertThat(scheduler.list()).extracting(ScheduledTaskInfo::name, ScheduledTaskInfo::nextFireAt,
                ScheduledTaskInfo::enabled).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nightly", boundary, true),
                        org.assertj.core.groups.Tuple.tuple("paused", HonkerCopyTest.T0.plusSeconds(30), false));
        assertThat(scheduler.tick(boundary.minusSeconds(1))).isEmpty();
        List<ScheduledFire> fires = scheduler.tick(boundary);
        assertThat(fires).extracting(ScheduledFire::name, ScheduledFire::fireAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("nightly", boundary));
        assertThat(fires.get(0).jobId()).isGreaterThan(filled.done());
    }

    @Test
    void consumersResumeAtTheEventAfterTheirSavedOffset() throws InterruptedException {
        List<Long> orders = filled.orders();
        try (Subscription billing = pg.stream("orders").subscribe("billing");
                Subscription audit = pg.stream("orders").subscribe("audit")) {
            StreamEvent next = billing.next(Duration.ofSeconds(5)).orElseThrow();
            assertThat(next.offset()).isEqualTo(orders.get(2));
            assertThat(next.key()).isEqualTo("order-3");
            assertThat(audit.next(Duration.ofSeconds(5)).orElseThrow().offset()).isEqualTo(orders.get(4));
        }
        long published = pg.stream("orders").publish("order-6", java.util.Map.of("n", 6));
        assertThat(published).isGreaterThan(orders.get(4)).isGreaterThan(10);
    }

    @Test
    void aResultIsFoundUnderItsJobsId() {
        assertThat(pg.results().getJson(filled.done())).hasValue("{\"url\":\"s3://r/1\"}");
    }

    @Test
    void locksAreNotCopiedSoTheOldHostsLeaseBlocksNobody() {
        assertThat(pg.tryLock("nightly-export", "new-host", Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void aRateLimitWindowKeepsWhatItUsedOnTheFile() {
        var smtp = pg.rateLimiter("smtp", 5, Duration.ofMinutes(1));
        assertThat(smtp.tryAcquire()).isTrue();
        assertThat(smtp.tryAcquire()).isTrue();
        assertThat(smtp.tryAcquire()).as("3 used on the file, 2 here: the window's 5").isFalse();
    }
}
