package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue.pause() is stored in the file: every pool of every process stops claiming the queue, a restarted
 * process too, until resume. A probe queue worked by the same pool is the sync point: once the probe job
 * (enqueued after the paused queue's jobs) has run, the pool has seen those jobs and left them.
 */
class PersistentPauseTest {
    static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private static long count(JdbiHonker honker, String sql) {
        return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void aPauseHoldsForAPoolInThisProcessAndForDirectClaimsAndSurvivesReopening() {
        Path file = dir.resolve("pause.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE runs (queue TEXT, job_id INTEGER)"));
            Queue work = honker.queue("work");
            work.pause();
            work.pause(); // idempotent
            assertThat(work.isPaused()).isTrue();
            assertThat(honker.queue("probe").isPaused()).isFalse();
            work.enqueue(1);
            assertThat(work.claimOne("w")).as("a direct claim takes nothing either").isEmpty();
            String viaSql = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT honker_claim_batch('work', 'sql', 5, 30)").mapTo(String.class).one());
            assertThat(viaSql).as("nor upstream's SQL function on a plugin connection").isEqualTo("[]");
        }
        try (JdbiHonker honker = Honkers.open(file)) {
            Queue work = honker.queue("work");
            assertThat(work.isPaused()).as("survives reopening").isTrue();
            WorkerPool pool = honker.workers()
                    .handleInTransaction("work", Integer.class, WorkerOptions.defaults(), (n, job, h) ->
                            h.execute("INSERT INTO runs (queue, job_id) VALUES ('work', ?)", job.id()))
                    .handleInTransaction("probe", Integer.class, WorkerOptions.defaults(), (n, job, h) ->
                            h.execute("INSERT INTO runs (queue, job_id) VALUES ('probe', ?)", job.id()))
                    .start();
            try {
                honker.queue("probe").enqueue(1);
                Await.until(WAIT, "the probe ran", () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'probe'") == 1);
                assertThat(count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'")).isZero();
                assertThat(work.stats().pending()).isEqualTo(1);
                assertThat(pool.isPaused("work")).as("the pool's own pause is separate").isFalse();
                work.resume();
                assertThat(work.isPaused()).isFalse();
                Await.until(WAIT, "resumed: the waiting dispatcher woke and ran it",
                        () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'") == 1);
            } finally {
                pool.close();
            }
        }
    }

    @Test
    void aPauseStopsAPoolInAnotherProcessAndARestartedOneUntilResumed() throws Exception {
        Path file = dir.resolve("shared.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE runs (queue TEXT, job_id INTEGER)"));
            Queue work = honker.queue("work");
            Queue probe = honker.queue("probe");
            Path log1 = dir.resolve("child-1.log");
            Process child = ChildJvm.start(PauseChildMain.class, log1, file.toString());
            Await.until(WAIT, "child ready", () -> ChildJvm.read(log1).contains("READY"));
            work.enqueue(0);
            Await.until(WAIT, "the child works the queue", () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'") == 1);

            work.pause();
            work.enqueueAll(IntStream.range(1, 6).boxed().toList(), io.honkerj.api.EnqueueOptions.defaults());
            probe.enqueue(1);
            Await.until(WAIT, "the child ran the probe", () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'probe'") == 1);
            assertThat(count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'")).as("paused: nothing new").isEqualTo(1);

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Path log2 = dir.resolve("child-2.log");
            child = ChildJvm.start(PauseChildMain.class, log2, file.toString());
            try {
                Await.until(WAIT, "restarted child ready", () -> ChildJvm.read(log2).contains("READY"));
                probe.enqueue(2);
                Await.until(WAIT, "the restarted child ran the probe",
                        () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'probe'") == 2);
                assertThat(count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'")).as("still paused after restart")
                        .isEqualTo(1);
                assertThat(work.stats().pending()).isEqualTo(5);

                work.resume();
                Await.until(WAIT, "resumed in the other process",
                        () -> count(honker, "SELECT COUNT(*) FROM runs WHERE queue = 'work'") == 6);
                List<Long> runsPerJob = honker.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM runs GROUP BY queue, job_id").mapTo(Long.class).list());
                assertThat(runsPerJob).allMatch(n -> n == 1);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
