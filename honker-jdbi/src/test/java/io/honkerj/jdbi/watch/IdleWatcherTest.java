package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an idle watcher does: with nobody waiting it never reads the database, and with a waiter blocked and no
 * traffic it waits on file events instead of a timer, and another connection's commit wakes it through one.
 */
class IdleWatcherTest {
    @TempDir
    Path dir;

    private static void commit(Path file, String sql) {
        // a plain connection (no plugin, no commit hook): as another process's commit looks to this JVM
        Jdbi.create("jdbc:sqlite:" + file).useHandle(h -> h.execute(sql));
    }

    @Test
    void withNobodyWaitingTheWatcherNeverReadsTheDatabase() throws Exception {
        Path file = dir.resolve("idle.db");
        commit(file, "PRAGMA journal_mode=WAL");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(file); ChangeWaiter waiter = ref.newWaiter()) {
            for (int i = 0; i < 20; i++) {
                commit(file, i == 0 ? "CREATE TABLE poke (x INTEGER)" : "INSERT INTO poke VALUES (" + i + ")");
            }
            assertThat(ref.watcher().polls()).as("data_version reads with no waiter blocked").isZero();
            assertThat(waiter.await(Duration.ofSeconds(30))).as("the commits are still seen once it waits").isTrue();
            assertThat(ref.watcher().polls()).isPositive();
        }
    }

    @Test
    void anIdleWatcherWaitsOnFileEventsAndAnotherConnectionsCommitWakesItThroughOne() throws Exception {
        Path file = dir.resolve("events.db");
        commit(file, "PRAGMA journal_mode=WAL");
        commit(file, "CREATE TABLE poke (x INTEGER)");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(file); ChangeWaiter waiter = ref.newWaiter()) {
            ChangeWatcher watcher = ref.watcher();
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
                try {
                    return waiter.await(Duration.ofSeconds(60));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            Await.until(Duration.ofSeconds(30), "the watcher idle on file events", watcher::onFileEvents);
            long eventsBefore = watcher.fileEventWakeups();
            commit(file, "INSERT INTO poke VALUES (1)");
            assertThat(woken.get(60, TimeUnit.SECONDS)).as("the waiter woke for the commit").isTrue();
            Await.until(Duration.ofSeconds(30), "a wake-up by a file event about the database",
                    () -> watcher.fileEventWakeups() > eventsBefore);
        }
    }
}
