package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Honker;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs share the caller's transaction: they commit and roll back with the business writes beside them. */
class TransactionTest {
    @TempDir
    Path dir;

    private static long orders(Handle h) {
        return h.createQuery("SELECT count(*) FROM orders").mapTo(Long.class).one();
    }

    @Test
    void attachedEnqueueCommitsAndRollsBackWithTheBusinessWrite() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("app.db")).installPlugin(new HonkerPlugin());
        jdbi.useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL)"));
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            jdbi.useTransaction(h -> {
                h.execute("INSERT INTO orders (email) VALUES ('a@example.com')");
                JdbiHonker.attach(h).queue("emails").enqueue("welcome a");
            });
            assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                h.execute("INSERT INTO orders (email) VALUES ('b@example.com')");
                JdbiHonker.attach(h).queue("emails").enqueue("welcome b");
                throw new IllegalStateException("payment declined");
            })).hasMessage("payment declined");

            assertThat(jdbi.withHandle(TransactionTest::orders)).isEqualTo(1);
            Queue emails = honker.queue("emails");
            assertThat(emails.claimBatch("w", 10)).extracting(Job::payloadJson).containsExactly("\"welcome a\"");
        }
    }

    @Test
    void inTransactionCommitsBothOrNeither() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("tx.db"))) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT)"));
            long jobId = honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO orders (email) VALUES ('c@example.com')");
                return tx.queue("emails").enqueue("receipt");
            });
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO orders (email) VALUES ('d@example.com')");
                tx.queue("emails").enqueue("never sent");
                throw new IllegalArgumentException("rollback");
            })).hasMessage("rollback");
            assertThat(honker.jdbi().withHandle(TransactionTest::orders)).isEqualTo(1);
            assertThat(honker.queue("emails").stats().pending()).isEqualTo(1);
            assertThat(honker.queue("emails").getJob(jobId)).isPresent();
        }
    }

    @Test
    void claimAndAckInsideTheCallersTransactionAreUndoneByItsRollback() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("claim.db"))) {
            honker.queue("q").enqueue("x");
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                Job job = tx.queue("q").claimOne("w").orElseThrow();
                assertThat(job.ack()).isTrue();
                throw new IllegalStateException("handler failed after ack");
            })).hasMessage("handler failed after ack");
            assertThat(honker.queue("q").claimOne("w")).as("the job is back, unclaimed").isPresent();
        }
    }

    @Test
    void attachedOperationsRunOnTheCallersHandleAndNeverCommitIt() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("handle.db"))) {
            try (Handle h = honker.jdbi().open()) {
                h.begin();
                Honker attached = JdbiHonker.attach(h);
                attached.queue("q").enqueue("x");
                assertThat(h.isInTransaction()).isTrue();
                assertThat(attached.queue("q").stats().pending()).as("visible inside the transaction").isEqualTo(1);
                h.rollback();
                attached.close();
                assertThat(h.isClosed()).isFalse();
            }
            assertThat(honker.queue("q").stats().pending()).isZero();
        }
    }

    @Test
    void attachOnAnAutocommitHandleCommitsEachOperation() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("auto.db"));
                Handle h = honker.jdbi().open()) {
            JdbiHonker.attach(h).queue("q").enqueue("x");
            assertThat(honker.queue("q").stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void createOnAPlainJdbiUsesItsConfiguredClock() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("cfg.db")).installPlugin(new HonkerPlugin());
        SettableClock clock = SettableClock.at(java.time.Instant.ofEpochSecond(1_000_000));
        jdbi.getConfig(HonkerConfig.class).setClock(clock);
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            long id = honker.queue("q").enqueue("x");
            assertThat(honker.queue("q").getJob(id).orElseThrow().createdAt()).isEqualTo(Instant.ofEpochSecond(1_000_000));
            clock.tick(Duration.ofSeconds(5));
            assertThat(honker.queue("q").claimOne("w").orElseThrow().claimExpiresAt())
                    .isEqualTo(Instant.ofEpochSecond(1_000_305));
        }
    }

    @Test
    void pluginMakesTransactionsImmediate() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("imm.db")).installPlugin(new HonkerPlugin());
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (x INTEGER)"));
        try (Handle a = jdbi.open(); Handle b = jdbi.open()) {
            b.execute("PRAGMA busy_timeout = 0");
            a.begin();
            // An IMMEDIATE transaction holds the write lock from BEGIN on, before any write.
            a.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one();
            assertThatThrownBy(() -> b.execute("INSERT INTO t VALUES (1)"))
                    .hasMessageContaining("SQLITE_BUSY");
            a.rollback();
        }
    }

    /** Honkers.open's own Jdbi keeps ordinary JDBC behaviour for your statements on its handles. */
    @Test
    void yourStatementsOnHonkersHandlesBehaveAsUsual() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("usual.db"))) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
            long id = honker.inTransaction((h, tx) -> h.createUpdate("INSERT INTO t (v) VALUES ('a')")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            assertThat(id).isEqualTo(1);
            // Nested begin/commit inside the library's transaction joins it; the outer commit decides.
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                h.useTransaction(inner -> inner.execute("INSERT INTO t (v) VALUES ('joined')"));
                assertThat(h.isInTransaction()).isTrue();
                throw new IllegalStateException("outer fails");
            })).hasMessage("outer fails");
            int rows = honker.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
            // The same SQL twice on one handle, one still open while the other runs: not cached, so it works.
            List<Integer> pairs = honker.inTransaction((h, tx) -> {
                List<Integer> out = new java.util.ArrayList<>();
                try (var outer = h.createQuery("SELECT 1 AS x UNION ALL SELECT 2").mapTo(Integer.class).iterator()) {
                    while (outer.hasNext()) {
                        out.add(outer.next() + h.createQuery("SELECT 1 AS x UNION ALL SELECT 2")
                                .mapTo(Integer.class).list().size());
                    }
                }
                return out;
            });
            assertThat(pairs).containsExactly(3, 4);
        }
    }
}
