package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactional handlers under a crash loop: 4 child JVMs work one queue with a handler that inserts its
 * job's id into a business table in the transaction that acks the job, while the test SIGKILLs one of
 * them every 1-3 s (and starts a replacement) for 20 s, and on until 3 kills if the JVMs were slow to start
 * (only a child that printed READY is killed). Every job's business row must exist exactly once: a kill
 * mid-transaction rolls back both the row and the ack, and the job comes back after its 1 s lease. On a SQLite
 * file here, on PostgreSQL in {@link PostgresTransactionalCrashLoopTest}.
 */
class TransactionalCrashLoopTest {
    static final int JOBS = 3000;
    static final int PROCESSES = 4;
    static final Duration KILLING_FOR = Duration.ofSeconds(20);
    static final int MIN_KILLS = 3;
    /** Jobs added while fewer than {@link #MIN_KILLS} kills happened and fewer than this many are left. */
    static final int REFILL = 1000;
    static final Duration WAIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    /** The database the test's processes share: a file in {@link #dir} here. */
    SharedDatabase database(String name) {
        return SharedDatabase.sqlite(dir.resolve(name + ".db"));
    }

    @Test
    void sigkillLoopLeavesEveryJobsBusinessRowExactlyOnce() throws Exception {
        SharedDatabase db = database("crash");
        long started = System.nanoTime();
        try (JdbiHonker honker = db.open()) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE business (job_id INTEGER NOT NULL, pid BIGINT NOT NULL)")); // no key
            honker.queue("work").enqueueAll(IntStream.range(0, JOBS).boxed().toList(),
                    EnqueueOptions.defaults().withMaxAttempts(1000)); // kills spend attempts; none may die

            List<Process> children = new ArrayList<>();
            int[] logOf = new int[PROCESSES]; // the child number (its log) in each slot
            int[] spawned = {0};
            for (int i = 0; i < PROCESSES; i++) {
                logOf[i] = spawned[0];
                children.add(spawn(db, spawned[0]++));
            }
            Random random = new Random(42);
            long killUntil = System.nanoTime() + KILLING_FOR.toNanos();
            long[] nextKill = {System.nanoTime() + millis(1000 + random.nextInt(2001))};
            int[] kills = {0};
            long[] enqueued = {JOBS};
            try {
                Await.until(WAIT, "every job acked", () -> {
                    long now = System.nanoTime();
                    boolean killing = now - killUntil < 0 || kills[0] < MIN_KILLS;
                    if (killing && now - nextKill[0] >= 0) {
                        int victim = random.nextInt(PROCESSES);
                        if (!ChildJvm.read(dir.resolve("child-" + logOf[victim] + ".log")).contains("READY")) {
                            return false; // still starting (a loaded machine): killing it would test nothing
                        }
                        children.get(victim).destroyForcibly(); // SIGKILL
                        try {
                            children.get(victim).waitFor(30, TimeUnit.SECONDS);
                            logOf[victim] = spawned[0];
                            children.set(victim, spawn(db, spawned[0]++));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        kills[0]++;
                        nextKill[0] = now + millis(1000 + random.nextInt(2001));
                    }
                    long live = count(honker, "SELECT COUNT(*) FROM _honker_live");
                    if (kills[0] < MIN_KILLS && live < REFILL) {
                        // a fast machine drains the backlog before the loop has killed enough: keep it fed
                        honker.queue("work").enqueueAll(IntStream.range((int) enqueued[0],
                                (int) enqueued[0] + REFILL).boxed().toList(), EnqueueOptions.defaults().withMaxAttempts(1000));
                        enqueued[0] += REFILL;
                        return false;
                    }
                    return live == 0;
                });
            } finally {
                children.forEach(Process::destroyForcibly);
                for (Process p : children) {
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
            long reclaimed = 0;
            for (int i = 0; i < spawned[0]; i++) {
                reclaimed += ChildJvm.read(dir.resolve("child-" + i + ".log")).lines()
                        .filter(l -> l.startsWith("RECLAIMED ")).count();
            }
            long rows = count(honker, "SELECT COUNT(*) FROM business");
            long distinct = count(honker, "SELECT COUNT(DISTINCT job_id) FROM business");
            long dead = count(honker, "SELECT COUNT(*) FROM _honker_dead");
            long duplicates = rows - distinct;
            long lost = enqueued[0] - distinct;
            System.out.printf("CRASH LOOP (transactional handlers, %s): jobs=%d processes=%d kills=%d "
                    + "reclaimed-after-kill=%d duplicates=%d lost=%d dead=%d wall=%.1f s%n", db.engine(), enqueued[0], PROCESSES, kills[0],
                    reclaimed, duplicates, lost, dead, (System.nanoTime() - started) / 1e9);
            assertThat(kills[0]).as("the loop killed workers while jobs remained").isGreaterThanOrEqualTo(MIN_KILLS);
            assertThat(reclaimed).as("killed workers left claims that others took over").isPositive();
            assertThat(duplicates).as("no business row twice").isZero();
            assertThat(lost).as("no job without its business row").isZero();
            assertThat(dead).isZero();
            for (int i = 0; i < spawned[0]; i++) {
                assertThat(ChildJvm.read(dir.resolve("child-" + i + ".log"))).doesNotContain("Exception in thread \"main\"");
            }
        }
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private Process spawn(SharedDatabase db, int n) {
        try {
            return ChildJvm.start(TxCrashChildMain.class, dir.resolve("child-" + n + ".log"), db.location(),
                    "2", "4", "1", "3");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(JdbiHonker honker, String sql) {
        return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
