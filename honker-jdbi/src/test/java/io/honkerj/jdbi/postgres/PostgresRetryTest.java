package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A transaction of honker's own that PostgreSQL aborts to break a deadlock ({@code 40P01}) runs again whole,
 * as a busy SQLite transaction does: both transfers are written once, no job twice. Two of honker's writes run
 * at once on PostgreSQL (no in-JVM write gate there), which is what lets them deadlock at all.
 */
class PostgresRetryTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    void aDeadlockedTransactionIsRetriedWhole() throws Exception {
        PG.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL)");
            h.execute("INSERT INTO accounts VALUES (1, 0), (2, 0)");
        });
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            List<Future<Long>> transfers = List.of(new long[] {1, 2}, new long[] {2, 1}).stream()
                    .map(order -> threads.submit(() -> honker.inTransaction((h, tx) -> {
                        attempts.incrementAndGet();
                        h.execute("UPDATE accounts SET balance = balance + 1 WHERE id = ?", order[0]);
                        long job = tx.queue("transfers").enqueue(order[0] + " then " + order[1]);
                        if (bothHoldTheirFirstRow.getCount() > 0) { // the first attempts only
                            bothHoldTheirFirstRow.countDown();
                            try {
                                assertThat(bothHoldTheirFirstRow.await(60, TimeUnit.SECONDS)).isTrue();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        h.execute("UPDATE accounts SET balance = balance + 1 WHERE id = ?", order[1]);
                        return job;
                    }))).toList();
            for (Future<Long> transfer : transfers) {
                assertThat(transfer.get(120, TimeUnit.SECONDS)).isPositive();
            }
            assertThat(attempts).as("one of the two ran again after the deadlock").hasValue(3);
            assertThat(honker.queue("transfers").stats().pending()).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
        long total = PG.jdbi().withHandle(h -> h.createQuery("SELECT sum(balance) FROM accounts").mapTo(Long.class).one());
        assertThat(total).isEqualTo(4);
    }
}
