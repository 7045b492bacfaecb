package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.DatabaseReplacedException;
import io.honkerj.api.Job;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeWatcherTest {
    @TempDir
    Path dir;

    @Test
    void oneWatcherPerFileSharedByEveryUserAndStoppedByTheLastRelease() {
        Path file = dir.resolve("w.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            ChangeWatcher.Ref a = ChangeWatcher.acquire(file);
            ChangeWatcher.Ref b = ChangeWatcher.acquire(dir.resolve(".").resolve("w.db"));
            assertThat(a.watcher()).isSameAs(b.watcher());
            assertThat(a.watcher().isRunning()).isTrue();
            a.close();
            a.close();
            assertThat(b.watcher().isRunning()).isTrue();
            b.close();
            Await.until(Duration.ofSeconds(10), "the watcher thread to stop", () -> !b.watcher().isRunning());
        }
    }

    @Test
    void aCommitOnAnotherConnectionWakesAWaiterAndAWakeBeforeAwaitIsKept() throws Exception {
        Path file = dir.resolve("w.db");
        try (JdbiHonker honker = Honkers.open(file); ChangeWatcher.Ref ref = ChangeWatcher.acquire(file)) {
            ChangeWaiter waiter = ref.newWaiter();
            // A plain Jdbi without the plugin: only data_version polling can notice it.
            Jdbi.create("jdbc:sqlite:" + file).useHandle(h -> h.execute("CREATE TABLE poke (x INTEGER)"));
            assertThat(waiter.await(Duration.ofSeconds(30))).as("the commit came before await: still seen").isTrue();
            assertThat(waiter.await(Duration.ZERO)).as("bursts coalesce into one wake").isFalse();
            waiter.close();
        }
    }

    @Test
    void commitsOnPluginHandlesWakeWaitersToo() throws Exception {
        Path file = dir.resolve("w.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        try (JdbiHonker honker = JdbiHonker.create(jdbi); ChangeWatcher.Ref ref = ChangeWatcher.acquire(file)) {
            ChangeWaiter waiter = ref.newWaiter();
            jdbi.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue("in your transaction"));
            assertThat(waiter.await(Duration.ofSeconds(30))).isTrue();
            waiter.close();
        }
    }

    @Test
    void closingAWaiterUnblocksItsThread() throws Exception {
        Path file = dir.resolve("w.db");
        try (JdbiHonker honker = Honkers.open(file); ChangeWatcher.Ref ref = ChangeWatcher.acquire(file)) {
            ChangeWaiter waiter = ref.newWaiter();
            CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiter.await(Duration.ofDays(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.close();
            assertThat(blocked.get(30, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void deletingTheFileGivesWaitersAClearErrorInsteadOfAHang() throws Exception {
        Path file = dir.resolve("doomed.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            Queue queue = honker.queue("q");
            try (ClaimWaker waker = queue.claimWaker()) {
                CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                    try {
                        waker.next("w", Duration.ofDays(1));
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                });
                Files.delete(file);
                assertThat(blocked.get(60, TimeUnit.SECONDS)).isInstanceOf(DatabaseReplacedException.class)
                        .hasMessageContaining("deleted").hasMessageContaining("doomed.db");
            }
        }
    }

    @Test
    void replacingTheFileIsNoticedToo() throws Exception {
        Path file = dir.resolve("swapped.db");
        Path other = dir.resolve("other.db");
        try (JdbiHonker o = Honkers.open(other)) {
            o.queue("q").enqueue("x");
        }
        try (JdbiHonker honker = Honkers.open(file); ChangeWatcher.Ref ref = ChangeWatcher.acquire(file)) {
            ChangeWaiter waiter = ref.newWaiter();
            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> {
                long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < giveUp) {
                    waiter.await(Duration.ofSeconds(1));
                }
            }).isInstanceOf(DatabaseReplacedException.class).hasMessageContaining("replaced");
        }
    }

    @Test
    void claimWakerReturnsWhenAJobIsEnqueuedByAnotherThreadAndWhenADelayedJobComesDue() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("claims.db"))) {
            Queue queue = honker.queue("q");
            try (ClaimWaker waker = queue.claimWaker()) {
                CompletableFuture<Optional<Job>> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return waker.next("w", Duration.ofSeconds(60));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                long id = queue.enqueue("wake up");
                assertThat(waiting.get(60, TimeUnit.SECONDS)).map(Job::id).contains(id);

                long delayed = queue.enqueue("later", io.honkerj.api.EnqueueOptions.defaults().withDelay(Duration.ofSeconds(1)));
                assertThat(waker.next("w", Duration.ofSeconds(60))).map(Job::id).contains(delayed);
                assertThat(waker.next("w", Duration.ZERO)).isEmpty();
            }
        }
    }

    @Test
    void closingAClaimWakerUnblocksItsWorker() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("close.db"))) {
            ClaimWaker waker = honker.queue("q").claimWaker();
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    waker.next("w");
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            waker.close();
            assertThat(blocked.get(30, TimeUnit.SECONDS)).isInstanceOf(ListenerClosedException.class)
                    .hasMessageContaining("q");
        }
    }

    @Test
    void theLastHonkerToCloseStopsTheWatcher() throws Exception {
        Path file = dir.resolve("last.db");
        JdbiHonker first = Honkers.open(file);
        JdbiHonker second = Honkers.open(file);
        first.listen("c").close();
        second.listen("c").close();
        ChangeWatcher.Ref probe = ChangeWatcher.acquire(file);
        ChangeWatcher watcher = probe.watcher();
        probe.close();
        first.close();
        assertThat(watcher.isRunning()).isTrue();
        second.close();
        Await.until(Duration.ofSeconds(10), "the watcher to stop", () -> !watcher.isRunning());
    }
}
