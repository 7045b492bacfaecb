package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Worker pools in real child JVMs stopped under load: by SIGTERM (the pool's shutdown hook) and by
 * SIGKILL. A second child then drains the queue; table {@code runs} shows how often each job ran.
 */
class WorkerShutdownTest {
    static final int JOBS = 600;
    static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private Path prepare(int maxAttempts) {
        Path db = dir.resolve("work.db");
        try (JdbiHonker honker = Honkers.open(db)) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE runs (job_id INTEGER NOT NULL, pid INTEGER NOT NULL)"));
            honker.queue("work").enqueueAll(IntStream.range(0, JOBS).boxed().toList(),
                    EnqueueOptions.defaults().withMaxAttempts(maxAttempts));
        }
        return db;
    }

    private static long count(Path db, String sql) {
        try (JdbiHonker honker = Honkers.open(db)) {
            return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
        }
    }

    private void drain(Path db, String lease) throws Exception {
        Path log = dir.resolve("drain.log");
        Process b = ChildJvm.start(WorkerChildMain.class, log, "drain", db.toString(), "4", "8", lease, "30", "2");
        assertThat(b.waitFor(3, TimeUnit.MINUTES)).as("the second worker drained the queue").isTrue();
        assertThat(b.exitValue()).as(ChildJvm.read(log)).isZero();
        assertThat(ChildJvm.read(log)).contains("DRAINED clean=true").doesNotContainIgnoringCase("database is locked");
    }

    /**
     * Jobs have a single attempt and a 300 s lease: a job whose attempt was burned would be dead, and a
     * claim left to its lease would keep the drain waiting past the test's limit. Grace 30 s lets every
     * running job finish; grace 0 interrupts them mid-sleep, so their jobs must be given back.
     */
    @ParameterizedTest(name = "grace {0} s")
    @ValueSource(strings = {"30", "0"})
    void sigtermUnderLoadLosesNoJobAndRunsNoneTwice(String grace) throws Exception {
        Path db = prepare(1);
        Path log = dir.resolve("serve.log");
        Process a = ChildJvm.start(WorkerChildMain.class, log, "serve", db.toString(), "4", "8", "300", grace, "40");
        Await.until(WAIT, "the first worker under way", () -> ChildJvm.read(log).contains("RAN 100"));
        a.destroy(); // SIGTERM: the JVM runs the pool's shutdown hook
        assertThat(a.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String out = ChildJvm.read(log);
        assertThat(out).contains("STOPPED clean=true").doesNotContainIgnoringCase("database is locked");
        if (grace.equals("0")) {
            assertThat(out).as("handlers stopped at the deadline gave their jobs back").contains("RELEASED");
        }
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_live WHERE state = 'processing'"))
                .as("no claim left behind").isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_live WHERE attempts > 0"))
                .as("jobs given back kept their attempt").isZero();
        long ranFirst = count(db, "SELECT COUNT(*) FROM runs");
        assertThat(ranFirst).isBetween(100L, (long) JOBS - 1);

        drain(db, "300");
        assertThat(count(db, "SELECT COUNT(*) FROM runs")).as("each job ran once").isEqualTo(JOBS);
        assertThat(count(db, "SELECT COUNT(DISTINCT job_id) FROM runs")).isEqualTo(JOBS);
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_live")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_dead")).isZero();
    }

    /** SIGKILL leaves claims behind: they come back after their 2 s lease and no job is lost. */
    @Test
    void killedWorkerJobsComeBackAfterTheLeaseAndARestartFinishesThem() throws Exception {
        Path db = prepare(3);
        Path log = dir.resolve("serve.log");
        Process a = ChildJvm.start(WorkerChildMain.class, log, "serve", db.toString(), "4", "8", "2", "30", "20");
        Await.until(WAIT, "the first worker under way", () -> ChildJvm.read(log).contains("RAN 100"));
        a.destroyForcibly();
        assertThat(a.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(ChildJvm.read(log)).doesNotContain("STOPPED");

        drain(db, "2");
        assertThat(count(db, "SELECT COUNT(DISTINCT job_id) FROM runs")).as("no job lost").isEqualTo(JOBS);
        assertThat(count(db, "SELECT COUNT(*) FROM runs") - JOBS)
                .as("only jobs the killed worker held can run twice (at most concurrency + batch - 1)")
                .isBetween(0L, 11L);
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_live")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM _honker_dead")).isZero();
    }
}
