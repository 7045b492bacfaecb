package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarted in the middle of a run: 3 child JVMs run worker pools ({@link TxCrashChildMain}: a
 * transactional handler that inserts the job's id and its pid into {@code business} in the transaction that
 * acks the job) over {@value #JOBS} jobs, and once a fifth of them are done the server is stopped (a fast
 * shutdown: every open transaction rolls back, every connection is closed) and started again on the same
 * data directory and port. The same child JVMs, never restarted, must carry on: their pools give up the dead
 * connections and open new ones, jobs whose transaction the restart cut come back after their lease, and by
 * the end every job's business row exists exactly once, none is dead-lettered, and each process acked jobs
 * after the restart. Each JVM's claim waker (its LISTEN connection) connects again, and a last job enqueued
 * once the workers are idle, waiting for a wake-up, is run as well.
 *
 * <p>The class has a server of its own ({@link EmbeddedPostgresExtension#ownServer()}): restarting the JVM's
 * shared server would break the other test classes using it.
 */
class PostgresRestartTest {
    static final int JOBS = 3000;
    static final int PROCESSES = 3;
    static final Duration WAIT = Duration.ofMinutes(3);

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = EmbeddedPostgresExtension.ownServer();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRestartMidRunDropsEveryConnectionLosesNoJobAndTheSameWorkersCarryOn() throws Exception {
        long started = System.nanoTime();
        SharedDatabase db = SharedDatabase.postgres(PG);
        Jdbi sql = Jdbi.create(db.location()); // a new connection per query: nothing of the test's to drop
        try (JdbiHonker honker = db.open()) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE business (seq BIGINT GENERATED ALWAYS AS IDENTITY,"
                    + " job_id BIGINT NOT NULL, pid BIGINT NOT NULL)")); // no key: a job run twice shows twice
            honker.queue("work").enqueueAll(IntStream.range(0, JOBS).boxed().toList(),
                    EnqueueOptions.defaults().withMaxAttempts(1000)); // cut transactions spend attempts; none may die
        }
        for (int i = 0; i < PROCESSES; i++) {
            children.add(ChildJvm.start(TxCrashChildMain.class, log(i), db.location(), "4", "4", "2", "5"));
        }
        Await.until(WAIT, "children ready", () -> IntStream.range(0, PROCESSES)
                .allMatch(i -> ChildJvm.read(log(i)).contains("READY")));
        Await.until(WAIT, "a fifth of the jobs done", () -> {
            requireAlive();
            return count(sql, "SELECT COUNT(*) FROM business") >= JOBS / 5;
        });

        List<Long> listensBefore = IntStream.range(0, PROCESSES).mapToObj(this::listenConnects).toList();
        long connectedBefore = count(sql, "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        long restartedAt = System.nanoTime();
        PG.restart();
        long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
        long doneBefore = count(sql, "SELECT COUNT(*) FROM business");
        long lastSeqBefore = count(sql, "SELECT COALESCE(MAX(seq), 0) FROM business");

        Await.until(WAIT, "every job acked after the restart", () -> {
            requireAlive();
            return count(sql, "SELECT COUNT(*) FROM _honker_live") == 0;
        });
        try (JdbiHonker honker = db.open()) {
            long last = honker.queue("work").enqueue(-1); // the workers are idle, waiting for a wake-up
            Await.until(WAIT, "the last job run", () -> sql.withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM business WHERE job_id = :id").bind("id", last).mapTo(Long.class).one()) == 1);
        }
        Await.until(WAIT, "each claim waker listening again", () -> IntStream.range(0, PROCESSES)
                .allMatch(i -> listenConnects(i) > listensBefore.get(i)));
        long connectedAfter = count(sql, "SELECT COUNT(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");

        long rows = count(sql, "SELECT COUNT(*) FROM business") - 1;
        long distinct = count(sql, "SELECT COUNT(DISTINCT job_id) FROM business") - 1;
        long dead = count(sql, "SELECT COUNT(*) FROM _honker_dead");
        Map<Long, Long> afterRestart = new TreeMap<>();
        sql.useHandle(h -> h.createQuery("SELECT pid, COUNT(*) AS n FROM business WHERE seq > :seq GROUP BY pid")
                .bind("seq", lastSeqBefore).mapToMap().forEach(r -> afterRestart.put(
                        ((Number) r.get("pid")).longValue(), ((Number) r.get("n")).longValue())));
        long reclaimed = IntStream.range(0, PROCESSES)
                .mapToLong(i -> ChildJvm.read(log(i)).lines().filter(l -> l.startsWith("RECLAIMED ")).count()).sum();
        List<Long> listens = IntStream.range(0, PROCESSES).mapToObj(this::listenConnects).toList();
        System.out.printf("POSTGRES RESTART: jobs=%d processes=%d, restarted after %d acked (stop + start %d ms);"
                + " connections %d before, %d after; LISTEN connects per process %s before, %s after; acked after the restart per"
                + " process %s; reclaimed after a lease %d; duplicates=%d lost=%d dead=%d wall=%.1f s%n", JOBS,
                PROCESSES, doneBefore, downMillis, connectedBefore, connectedAfter, listensBefore, listens, afterRestart, reclaimed,
                rows - distinct,
                JOBS - distinct, dead, (System.nanoTime() - started) / 1e9);

        assertThat(connectedBefore).as("the children's connections the restart dropped").isGreaterThanOrEqualTo(PROCESSES);
        assertThat(doneBefore).as("the restart came in the middle of the run").isLessThan(JOBS);
        assertThat(rows - distinct).as("no business row twice").isZero();
        assertThat(distinct).as("no job without its business row").isEqualTo(JOBS);
        assertThat(dead).isZero();
        assertThat(afterRestart.keySet()).as("each process acked jobs after the restart")
                .containsExactlyInAnyOrderElementsOf(children.stream().map(Process::pid).toList());
        assertThat(connectedAfter).as("the children connected again").isGreaterThanOrEqualTo(PROCESSES);
        assertThat(listensBefore).as("each claim waker was listening before the restart").allMatch(n -> n >= 1);
        for (int i = 0; i < PROCESSES; i++) {
            assertThat(children.get(i).isAlive()).as("child %d carried on", i).isTrue();
        }
    }

    /** The last {@code LISTEN CONNECTS n} a child printed: its claim waker's connections so far (0 before any). */
    private long listenConnects(int i) {
        return ChildJvm.read(log(i)).lines().filter(l -> l.startsWith("LISTEN CONNECTS "))
                .mapToLong(l -> Long.parseLong(l.substring("LISTEN CONNECTS ".length()))).reduce((a, b) -> b)
                .orElse(0);
    }

    private Path log(int i) {
        return dir.resolve("child-" + i + ".log");
    }

    /** Fails at once, with its log, if a child JVM exited: none may die of the restart. */
    private void requireAlive() {
        for (int i = 0; i < children.size(); i++) {
            if (!children.get(i).isAlive()) {
                throw new AssertionError("child " + i + " exited " + children.get(i).exitValue() + ":\n"
                        + ChildJvm.read(log(i)));
            }
        }
    }

    private static long count(Jdbi sql, String query) {
        return sql.withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
    }
}
