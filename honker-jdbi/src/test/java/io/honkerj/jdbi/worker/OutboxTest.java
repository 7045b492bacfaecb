package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.Outbox;
import io.honkerj.api.OutboxOptions;
import io.honkerj.api.Queue;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxTest {
    static final long T0 = 1_700_000_000L;
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    SettableClock clock;
    JdbiHonker honker;
    WorkerPool pool;

    record Webhook(String url, int order) {}

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        honker.jdbi().useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT)"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(10));
        }
    }

    @Test
    void aMessageIsStoredAsUpstreamDoesAndOnlyIfItsTransactionCommits() {
        assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (id, item) VALUES (1, 'book')");
            tx.outbox("webhook").enqueue(new Webhook("https://example.com/a", 1));
            throw new IllegalStateException("payment declined");
        })).hasMessage("payment declined");
        assertThat(db.one("SELECT COUNT(*) FROM _honker_live", Long.class)).as("rolled back with the order").isZero();

        long id = honker.inTransaction((h, tx) -> {
            h.execute("INSERT INTO orders (id, item) VALUES (2, 'pen')");
            return tx.outbox("webhook").enqueue(new Webhook("https://example.com/b", 2));
        });
        Outbox outbox = honker.outbox("webhook");
        assertThat(outbox.queueName()).isEqualTo("_outbox:webhook");
        JobInfo row = honker.queue(outbox.queueName()).getJob(id).orElseThrow();
        assertThat(row.payload()).as("the message itself, not wrapped").isEqualTo(
                "{\"url\":\"https://example.com/b\",\"order\":2}");
        assertThat(row.maxAttempts()).as("upstream's outbox budget").isEqualTo(5);
    }

    @Test
    void messagesAreDeliveredOneAtATimeInOrder() {
        Outbox outbox = honker.outbox("webhook");
        for (int i = 0; i < 20; i++) {
            outbox.enqueue(new Webhook("https://example.com", i));
        }
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        pool = honker.workers().outbox("webhook", Webhook.class, (w, job) -> delivered.add(w.order())).start();
        Await.until(WAIT, "all delivered", () -> delivered.size() == 20);
        Await.until(WAIT, "all acked", () -> honker.queue("_outbox:webhook").stats().pending() == 0
                && honker.queue("_outbox:webhook").stats().processing() == 0);
        assertThat(delivered).isEqualTo(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void aFailedDeliveryWaitsBaseTimesTwoToTheAttemptsThenDies() {
        OutboxOptions options = OutboxOptions.defaults().withMaxAttempts(3);
        Outbox outbox = honker.outbox("webhook", options);
        long id = outbox.enqueue(Map.of("to", "x"));
        Queue queue = honker.queue(outbox.queueName());
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        pool = honker.workers().outbox("webhook", Map.class, options, (m, job) -> {
            attempts.add(job.attempts());
            throw new IllegalStateException("endpoint returned 503");
        }).start();

        Await.until(WAIT, "first retry", () -> pendingAfter(queue, id, 1));
        assertThat(queue.getJob(id).orElseThrow().runAt()).as("5 s").isEqualTo(Instant.ofEpochSecond(T0 + 5));
        clock.tick(Duration.ofSeconds(5));
        Await.until(WAIT, "second retry", () -> pendingAfter(queue, id, 2));
        assertThat(queue.getJob(id).orElseThrow().runAt()).as("10 s").isEqualTo(Instant.ofEpochSecond(T0 + 15));
        clock.tick(Duration.ofSeconds(10));
        Await.until(WAIT, "dead after the third", () -> queue.getJob(id).isEmpty());
        DeadJob dead = queue.deadJobs(1).get(0);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).startsWith("java.lang.IllegalStateException: endpoint returned 503");
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void aZeroBaseRetriesAtOnce() {
        OutboxOptions options = OutboxOptions.defaults().withMaxAttempts(3).withBaseBackoff(Duration.ZERO);
        long id = honker.outbox("hook", options).enqueue("m");
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        pool = honker.workers().outbox("hook", String.class, options, (m, job) -> {
            attempts.add(job.attempts());
            if (job.attempts() < 3) {
                throw new IllegalStateException("flaky");
            }
        }).start();
        Await.until(WAIT, "delivered on the third attempt without moving the clock",
                () -> honker.queue("_outbox:hook").getJob(id).isEmpty());
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(honker.queue("_outbox:hook").deadJobs(1)).isEmpty();
    }

    private static boolean pendingAfter(Queue queue, long id, int attempts) {
        return queue.getJob(id).map(j -> j.state() == JobState.PENDING && j.attempts() == attempts).orElse(false);
    }

    @Test
    void badOptionsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> OutboxOptions.defaults().withMaxAttempts(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> OutboxOptions.defaults().withBaseBackoff(Duration.ofSeconds(-1)))
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> OutboxOptions.defaults().withVisibilityTimeout(Duration.ZERO))
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> honker.outbox(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
