package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.HonkerClosedException;
import io.honkerj.api.Listener;
import io.honkerj.api.Lock;
import io.honkerj.api.Queue;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.Stream;
import io.honkerj.api.WorkerPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closed means closed: every operation of a closed honker, and of everything taken from it, says so. */
class ClosedHonkerTest {
    static final Duration TTL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void assertClosed(Path file, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(HonkerClosedException.class)
                .hasMessageContaining("The honker on " + file + " is closed");
    }

    @Test
    void everyOperationOfAClosedHonkerThrows() throws Exception {
        Path file = dir.resolve("app.db").toAbsolutePath();
        JdbiHonker honker = Honkers.open(file);
        Queue queue = honker.queue("q");
        queue.enqueue("x");
        Stream stream = honker.stream("s");
        Listener listener = honker.listen("c");
        ClaimWaker waker = queue.claimWaker();
        Lock lock = honker.tryLock("l", "me", TTL).orElseThrow();
        WorkerPool.Builder builder = honker.workers().handle("q", String.class, (p, job) -> null);

        honker.close();

        assertClosed(file, () -> queue.enqueue("y"));
        assertClosed(file, () -> queue.claimOne("w"));
        assertClosed(file, queue::stats);
        assertClosed(file, () -> stream.publish("e"));
        assertClosed(file, () -> stream.readSince(0, 10));
        assertClosed(file, () -> listener.recv(Duration.ZERO));
        assertClosed(file, () -> waker.next("w", Duration.ZERO));
        assertClosed(file, lock::release);
        assertClosed(file, builder::start);
        assertClosed(file, () -> honker.queue("q"));
        assertClosed(file, () -> honker.stream("s"));
        assertClosed(file, () -> honker.listen("c"));
        assertClosed(file, () -> honker.notify("c", "hi"));
        assertClosed(file, () -> honker.tryLock("l2", "me", TTL));
        assertClosed(file, () -> honker.lock("l2", "me", TTL, TTL));
        assertClosed(file, () -> honker.rateLimiter("r", 1, TTL));
        assertClosed(file, honker::scheduler);
        assertClosed(file, () -> honker.outbox("o"));
        assertClosed(file, () -> honker.tasks("t"));
        assertClosed(file, honker::workers);
        assertClosed(file, honker::results);
        assertClosed(file, () -> honker.inTransaction((h, hk) -> hk.queue("q").enqueue("z")));
        assertThatCode(honker::close).as("close is idempotent").doesNotThrowAnyException();

        try (JdbiHonker again = Honkers.open(file)) {
            assertThat(again.queue("q").stats().pending()).as("nothing written after close").isEqualTo(1);
        }
    }

    @Test
    void aListenerBlockedWhenTheHonkerClosesIsToldAtOnce() throws Exception {
        Path file = dir.resolve("blocked.db").toAbsolutePath();
        JdbiHonker honker = Honkers.open(file);
        Listener listener = honker.listen("c");
        java.util.concurrent.CompletableFuture<Object> blocked = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return listener.recv(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        honker.close();
        assertThatThrownBy(() -> blocked.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(HonkerClosedException.class);
    }

    @Test
    void aClosedHonkerOnYourJdbiThrowsAndLeavesTheJdbiAlone() {
        Path file = dir.resolve("jdbi.db").toAbsolutePath();
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file);
        JdbiHonker honker = JdbiHonker.create(jdbi);
        Queue queue = honker.queue("q");
        honker.close();
        assertClosed(file, () -> queue.enqueue("x"));
        assertClosed(file, () -> honker.queue("q").enqueue("x"));
        assertClosed(file, () -> honker.scheduler().add(ScheduledTask.of("t", "q", "@every 1s", "p")));
        long rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_live").mapTo(Long.class).one());
        assertThat(rows).isZero();
    }

    @Test
    void aClosedAttachedViewThrowsAndLeavesTheHandleAlone() {
        Path file = dir.resolve("attach.db").toAbsolutePath();
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        try (Handle handle = jdbi.open()) {
            JdbiHonker view = JdbiHonker.attach(handle);
            view.close();
            assertClosed(file, () -> view.queue("q").enqueue(Map.of("a", 1)));
            assertThat(handle.createQuery("SELECT count(*) FROM _honker_live").mapTo(Long.class).one()).isZero();
            assertThat(JdbiHonker.attach(handle).tasks("q").enqueue("t", List.of(), Map.of())).isPositive();
        }
    }
}
