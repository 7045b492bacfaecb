package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Enqueued;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unique jobs: one live job per (queue, key), across threads and processes; keys free once the job leaves. On
 * SQLite here, on PostgreSQL in {@link PostgresUniqueJobsTest}.
 */
class UniqueJobsTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    @TempDir
    Path dir;

    static EnqueueOptions key(String k) {
        return EnqueueOptions.defaults().withUniqueKey(k);
    }

    @Test
    void aSecondEnqueueWithALiveKeyReturnsTheFirstJob() {
        Queue q = db.honker().queue("q");
        Enqueued first = q.enqueueUnique("a", key("invoice-42"));
        Enqueued again = q.enqueueUnique("b", key("invoice-42"));
        assertThat(first.created()).isTrue();
        assertThat(again).isEqualTo(new Enqueued(first.id(), false));
        assertThat(q.enqueue("c", key("invoice-42"))).as("enqueue returns the holder's id").isEqualTo(first.id());
        assertThat(q.enqueueJson("\"d\"", key("invoice-42"))).isEqualTo(first.id());
        assertThat(q.enqueueUnique("e", key("invoice-43")).created()).isTrue();
        assertThat(db.honker().queue("other").enqueueUnique("f", key("invoice-42")).created())
                .as("keys are per queue").isTrue();
        assertThat(q.enqueueUnique("g", EnqueueOptions.defaults()).created()).as("no key: always enqueued").isTrue();
        assertThat(q.stats().pending()).isEqualTo(3);
        assertThat(q.getJob(first.id()).orElseThrow().payload()).as("the first payload is kept").isEqualTo("\"a\"");
    }

    @Test
    void theKeyIsHeldWhileRunningAndRetriedAndFreedByAckDeadLetterAndCancel() {
        Queue q = db.honker().queue("q");
        long id = q.enqueue("x", key("k").withMaxAttempts(2));
        Job job = q.claimOne("w").orElseThrow();
        assertThat(q.enqueueUnique("y", key("k"))).as("running").isEqualTo(new Enqueued(id, false));
        job.retry(Duration.ZERO, "again");
        assertThat(q.enqueueUnique("y", key("k"))).as("retried").isEqualTo(new Enqueued(id, false));
        q.claimOne("w").orElseThrow().ack();
        Enqueued afterAck = q.enqueueUnique("y", key("k"));
        assertThat(afterAck.created()).as("free after ack").isTrue();

        q.claimOne("w").orElseThrow().fail("boom");
        Enqueued afterDead = q.enqueueUnique("z", key("k"));
        assertThat(afterDead.created()).as("free after dead-letter").isTrue();

        assertThat(q.cancel(afterDead.id())).isTrue();
        assertThat(q.enqueueUnique("w", key("k")).created()).as("free after cancel").isTrue();
    }

    @Test
    void aJobRemovedByUpstreamsSqlFreesItsKeyToo() {
        Queue q = db.honker().queue("q");
        long id = q.enqueue("x", key("k"));
        // as upstream's honker_ack / a Python worker would: they know nothing of _honkerj_unique_jobs
        db.honker().jdbi().useHandle(h -> h.execute("DELETE FROM _honker_live WHERE id = ?", id));
        Enqueued next = q.enqueueUnique("y", key("k"));
        assertThat(next.created()).isTrue();
        assertThat(next.id()).isNotEqualTo(id);
        assertThat(db.one("SELECT COUNT(*) FROM _honkerj_unique_jobs", Long.class)).as("the stale row replaced")
                .isEqualTo(1);
        db.honker().jdbi().useHandle(h -> h.execute("DELETE FROM _honker_live WHERE id = ?", next.id()));
        q.sweepExpired();
        assertThat(db.one("SELECT COUNT(*) FROM _honkerj_unique_jobs", Long.class)).as("swept").isZero();
    }

    @Test
    void badKeysAndBatchesWithAKeyAreRejectedNamingTheValue() {
        Queue q = db.honker().queue("q");
        assertThatThrownBy(() -> key(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("' '");
        assertThatThrownBy(() -> key("x".repeat(1001))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1001 characters");
        assertThatThrownBy(() -> q.enqueueAll(List.of(1, 2), key("batch"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'batch'");
        assertThat(q.stats().pending()).isZero();
    }

    @Test
    void threadsRacingOnTheSameKeysGetOneJobPerKey() throws InterruptedException {
        Queue q = db.honker().queue("q");
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    ids.add(q.enqueue(i, key("key-" + (i % 20))));
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(20);
        assertThat(q.stats().pending()).isEqualTo(20);
    }

    @Test
    void threeProcessesRacingOnTheSameKeysCreateOneJobPerKey() throws Exception {
        SharedDatabase file = db.shared(dir, "unique"); // a file, or a schema of the PostgreSQL database
        try (JdbiHonker honker = file.open()) {
            honker.queue("unique").stats();
        }
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = dir.resolve("unique-" + i + ".log");
            logs.add(log);
            children.add(ChildJvm.start(UniqueChildMain.class, log, file.location(), "4", "50", "4", go.toString()));
        }
        Await.until(Duration.ofSeconds(120), "children ready",
                () -> logs.stream().allMatch(l -> ChildJvm.read(l).contains("READY")));
        Files.createFile(go);
        long created = 0;
        Pattern createdLine = Pattern.compile("CREATED (\\d+)");
        for (int i = 0; i < 3; i++) {
            assertThat(children.get(i).waitFor(3, TimeUnit.MINUTES)).isTrue();
            String out = ChildJvm.read(logs.get(i));
            assertThat(children.get(i).exitValue()).as(out).isZero();
            Matcher m = createdLine.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            created += Long.parseLong(m.group(1));
        }
        try (JdbiHonker honker = file.open()) {
            long live = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM _honker_live WHERE queue = 'unique'").mapTo(Long.class).one());
            long distinctPayloads = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(DISTINCT payload) FROM _honker_live WHERE queue = 'unique'").mapTo(Long.class).one());
            System.out.printf("UNIQUE RACE (%s): 3 processes x 4 threads x 200 enqueues over 50 keys: created=%d live=%d%n",
                    file.engine(), created, live);
            assertThat(created).as("enqueues that created a job, over all processes").isEqualTo(50);
            assertThat(live).isEqualTo(50);
            assertThat(distinctPayloads).isEqualTo(50);
        }
    }
}
