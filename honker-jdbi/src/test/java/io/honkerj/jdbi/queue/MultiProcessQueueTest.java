package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs share one database: no job lost, none run twice, no "database is locked". On a SQLite file
 * here, on PostgreSQL in {@link PostgresMultiProcessQueueTest}.
 */
class MultiProcessQueueTest {
    @TempDir
    Path dir;

    /** The database the test's processes share: a file in {@link #dir} here. */
    SharedDatabase database(String name) {
        return SharedDatabase.sqlite(dir.resolve(name + ".db"));
    }

    @Test
    void threeProcessesOfFourThreadsAckEachOf20000JobsExactlyOnce() throws Exception {
        SharedDatabase db = database("shared");
        try (JdbiHonker honker = db.open()) {
            honker.jdbi().useHandle(h -> h.execute(
                    "CREATE TABLE done_log (job_id BIGINT PRIMARY KEY, worker TEXT NOT NULL)"));
            for (int chunk = 0; chunk < 20; chunk++) {
                int base = chunk * 1000;
                honker.queue("work").enqueueAll(IntStream.range(base, base + 1000).boxed().toList(),
                        EnqueueOptions.defaults());
            }
        }
        Path go = dir.resolve("go");
        long started = System.nanoTime();
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = dir.resolve("child-" + i + ".log");
            logs.add(log);
            children.add(ChildJvm.start(QueueChildMain.class, log, "drain", db.location(), "work", "4", "16",
                    go.toString()));
        }
        Await.until(Duration.ofSeconds(120), "all children ready",
                () -> logs.stream().allMatch(l -> ChildJvm.read(l).contains("READY")));
        Files.createFile(go);
        for (int i = 0; i < 3; i++) {
            assertThat(children.get(i).waitFor(5, TimeUnit.MINUTES)).as("child " + i + " finished").isTrue();
            String out = Files.readString(logs.get(i));
            assertThat(out).doesNotContainIgnoringCase("database is locked").doesNotContain("SQLITE_BUSY");
            assertThat(children.get(i).exitValue()).as(out).isZero();
            assertThat(out).contains("DONE ");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        try (JdbiHonker honker = db.open()) {
            long logged = honker.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM done_log")
                    .mapTo(Long.class).one());
            List<Map<String, Object>> perWorker = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT worker, count(*) AS jobs FROM done_log GROUP BY worker").mapToMap().list());
            long processes = perWorker.stream()
                    .map(r -> ((String) r.get("worker")).replaceAll("-[0-9]+$", "")).distinct().count();
            // done_log's primary key is the job id: an ack of a job run twice would have failed its transaction
            System.out.printf("MULTI-PROCESS QUEUE (%s): 3 processes x 4 threads, claim batch 16: %d of 20000 jobs"
                    + " acked exactly once, per process %s, %.1f s from go to the last exit%n",
                    db.engine(), logged, perProcess(perWorker), seconds);
            assertThat(logged).isEqualTo(20_000);
            // With SQLite's default busy handler one process took all 20,000 jobs while the others slept
            // (100 ms back-off); EagerBusyHandler lets waiting processes take the gaps between transactions.
            assertThat(processes).as("processes that acked jobs: %s", perWorker).isEqualTo(3);
            assertThat(honker.queue("work").stats().pending()).isZero();
            assertThat(honker.queue("work").stats().processing()).isZero();
            assertThat(honker.queue("work").stats().dead()).isZero();
        }
    }

    @Test
    void jobOfAKilledProcessIsClaimedByAnotherProcessAfterTheLeaseAndCompletes() throws Exception {
        SharedDatabase db = database("crash");
        long id;
        try (JdbiHonker honker = db.open()) {
            id = honker.queue("crashy").enqueue("survive me");
        }
        Path holdLog = dir.resolve("hold.log");
        Process doomed = ChildJvm.start(QueueChildMain.class, holdLog, "hold", db.location(), "crashy");
        Await.until(Duration.ofSeconds(60), "the child to claim",
                () -> ChildJvm.read(holdLog).contains("CLAIMED " + id) || !doomed.isAlive());
        assertThat(ChildJvm.read(holdLog)).contains("CLAIMED " + id);
        doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        Path rescueLog = dir.resolve("rescue.log");
        Process rescuer = ChildJvm.start(QueueChildMain.class, rescueLog, "reclaim", db.location(), "crashy",
                Long.toString(id));
        assertThat(rescuer.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(ChildJvm.read(rescueLog)).contains("ACKED " + id + " 2 true");
        try (JdbiHonker honker = db.open()) {
            assertThat(honker.queue("crashy").getJob(id)).isEmpty();
            assertThat(honker.queue("crashy").stats().dead()).isZero();
        }
    }

    /** Jobs per process (worker ids are {@code child-<pid>-<thread>}), in the order of the rows. */
    private static Map<String, Long> perProcess(List<Map<String, Object>> perWorker) {
        Map<String, Long> jobs = new TreeMap<>();
        for (Map<String, Object> row : perWorker) {
            jobs.merge(((String) row.get("worker")).replaceAll("-[0-9]+$", ""), ((Number) row.get("jobs")).longValue(),
                    Long::sum);
        }
        return jobs;
    }
}
