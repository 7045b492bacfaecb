package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Job;
import io.honkerj.api.Lock;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TransactionTest}'s {@code inTransaction} and {@code attach} behaviours on PostgreSQL, and the
 * rooms' writes (lock, result, rate limit) joining the caller's transaction. The rest of TransactionTest
 * stays SQLite-only: it opens files or checks SQLite's {@code BEGIN IMMEDIATE}.
 */
class PostgresTransactionTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    final HonkerExtension db = HonkerExtension.postgres(T0, PG);

    JdbiHonker honker;

    @BeforeEach
    void open() {
        honker = db.honker();
        honker.jdbi().useHandle(h -> h.execute("CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY, email text)"));
    }

    private static long orders(Handle h) {
        return h.createQuery("SELECT count(*) FROM orders").mapTo(Long.class).one();
    }

    @Test
    void inTransactionCommitsBothOrNeither() {
        long jobId = honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (email) VALUES ('c@example.com')");
            return tx.queue("emails").enqueue("receipt");
        });
        assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (email) VALUES ('d@example.com')");
            tx.queue("emails").enqueue("never sent");
            throw new IllegalArgumentException("rollback");
        })).hasMessage("rollback");
        assertThat(honker.jdbi().withHandle(PostgresTransactionTest::orders)).isEqualTo(1);
        assertThat(honker.queue("emails").stats().pending()).isEqualTo(1);
        assertThat(honker.queue("emails").getJob(jobId)).isPresent();
    }

    @Test
    void claimAndAckInsideTheCallersTransactionAreUndoneByItsRollback() {
        honker.queue("q").enqueue("x");
        assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
            Job job = tx.queue("q").claimOne("w").orElseThrow();
            assertThat(job.ack()).isTrue();
            throw new IllegalStateException("handler failed after ack");
        })).hasMessage("handler failed after ack");
        assertThat(honker.queue("q").claimOne("w")).as("the job is back, unclaimed").isPresent();
    }

    @Test
    void theRoomsWritesRollBackWithTheCallersTransaction() {
        assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (email) VALUES ('e@example.com')");
            assertThat(tx.tryLock("nightly", "host-a", Duration.ofSeconds(60))).isPresent();
            tx.results().save(42, "done", null);
            assertThat(tx.rateLimiter("api", 1, Duration.ofSeconds(60)).tryAcquire()).isTrue();
            throw new IllegalStateException("rollback");
        })).hasMessage("rollback");
        assertThat(honker.jdbi().withHandle(PostgresTransactionTest::orders)).isZero();
        assertThat(honker.tryLock("nightly", "host-b", Duration.ofSeconds(60))).as("the lock was never taken")
                .isPresent();
        assertThat(honker.results().getJson(42)).isEmpty();
        assertThat(honker.rateLimiter("api", 1, Duration.ofSeconds(60)).tryAcquire()).as("nothing was counted").isTrue();
    }

    @Test
    void attachedOperationsJoinTheCallersTransactionAndNeverCommitIt() {
        honker.jdbi().useTransaction(h -> {
            h.execute("INSERT INTO orders (email) VALUES ('a@example.com')");
            JdbiHonker.attach(h).queue("emails").enqueue("welcome a");
        });
        try (Handle h = honker.jdbi().open()) {
            h.begin();
            io.honkerj.api.Honker attached = JdbiHonker.attach(h);
            h.execute("INSERT INTO orders (email) VALUES ('b@example.com')");
            attached.queue("emails").enqueue("welcome b");
            assertThat(attached.tryLock("nightly", "host-a", Duration.ofSeconds(60))).isPresent();
            attached.results().save(9, "rolled back", null);
            assertThat(h.isInTransaction()).isTrue();
            assertThat(attached.queue("emails").stats().pending()).as("visible inside the transaction").isEqualTo(2);
            h.rollback();
            attached.close();
            assertThat(h.isClosed()).isFalse();
        }
        assertThat(honker.jdbi().withHandle(PostgresTransactionTest::orders)).isEqualTo(1);
        assertThat(honker.queue("emails").claimBatch("w", 10)).extracting(Job::payloadJson)
                .containsExactly("\"welcome a\"");
        assertThat(honker.tryLock("nightly", "host-b", Duration.ofSeconds(60))).isPresent();
        assertThat(honker.results().getJson(9)).isEmpty();
    }

    @Test
    void aLockReleasedInACommittedTransactionIsFreeAfterTheCommit() {
        Lock lock = honker.tryLock("nightly", "host-a", Duration.ofSeconds(60)).orElseThrow();
        honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (email) VALUES ('f@example.com')");
            assertThat(tx.tryLock("nightly", "host-a", Duration.ofSeconds(60))).as("the same owner").isPresent()
                    .get().satisfies(l -> assertThat(l.release()).isTrue());
            return null;
        });
        assertThat(lock.isHeld()).isFalse();
        assertThat(honker.tryLock("nightly", "host-b", Duration.ofSeconds(60))).isPresent();
    }
}
