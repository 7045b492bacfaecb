package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DatabaseReplacedException;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on its own, with plain sqlite-jdbc connections: no plugin, no Jdbi. */
class ChangeWatcherWaiterTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path newDb(String name) throws SQLException {
        Path db = dir.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeQuery("PRAGMA journal_mode=WAL").close();
            st.execute("CREATE TABLE t (x TEXT)");
        }
        return db;
    }

    private static Connection open(Path db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    /** Blocks in {@code await(1 day)} on another thread; the future completes with its result or error. */
    private static CompletableFuture<Object> blockedAwait(ChangeWaiter waiter, CountDownLatch started) {
        return CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return waiter.await(Duration.ofDays(1));
            } catch (Throwable e) {
                return e;
            }
        });
    }

    @Test
    void optionsRejectZeroAndNegativeIntervalsNamingTheValue() {
        assertThatThrownBy(() -> ChangeWatcher.Options.defaults().withPollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pollInterval")
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> ChangeWatcher.Options.defaults().withIdlePollInterval(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idlePollInterval")
                .hasMessageContaining("PT-0.005S");
        assertThatThrownBy(() -> new ChangeWatcher.Options(null, Duration.ofMillis(1), true))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("pollInterval");
    }

    @Test
    void theFirstAcquireChoosesTheOptionsAndLaterOnesShareThatWatcher() throws Exception {
        Path db = newDb("opts.db");
        ChangeWatcher.Options slow = ChangeWatcher.Options.defaults().withPollInterval(Duration.ofMillis(2));
        try (ChangeWatcher.Ref first = ChangeWatcher.acquire(db, slow);
                ChangeWatcher.Ref second = ChangeWatcher.acquire(db)) {
            assertThat(second.watcher()).isSameAs(first.watcher());
            assertThat(second.watcher().options()).isEqualTo(slow);
        }
    }

    @Test
    void wakesCoalesceButOneAfterTheWaiterWasCreatedIsNeverLost() throws Exception {
        Path db = newDb("burst.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter()) {
            for (int i = 0; i < 100; i++) {
                ref.watcher().wake();
            }
            assertThat(waiter.await(Duration.ZERO)).as("woken before await: kept").isTrue();
            assertThat(waiter.await(Duration.ZERO)).as("a burst is one wake").isFalse();
            ChangeWatcher.wakeIfWatched(ChangeWatcher.keyOf(db));
            assertThat(waiter.await(Duration.ZERO)).isTrue();
        }
    }

    @Test
    void aCommitOnAPlainConnectionWakesThroughTimerPollingWithoutFileEvents() throws Exception {
        Path db = newDb("timer.db");
        ChangeWatcher.Options noEvents = ChangeWatcher.Options.defaults().withFileEvents(false);
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db, noEvents); ChangeWaiter waiter = ref.newWaiter();
                Connection c = open(db); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO t (x) VALUES ('a')");
            assertThat(waiter.await(PATIENCE)).isTrue();
        }
    }

    @Test
    void hookedConnectionsWakeWaitersForAutocommitAndExplicitTransactions() throws Exception {
        Path db = newDb("hook.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter();
                Connection c = open(db); Statement st = c.createStatement()) {
            ChangeWatcher.installCommitHook(c, db);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocked = blockedAwait(waiter, started);
            started.await();
            st.executeUpdate("INSERT INTO t (x) VALUES ('autocommit')");
            assertThat(blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(true);

            c.setAutoCommit(false);
            st.executeUpdate("INSERT INTO t (x) VALUES ('in a transaction')");
            c.commit();
            assertThat(waiter.await(PATIENCE)).isTrue();
        }
    }

    @Test
    void theCommitHookIsHarmlessWhenNothingWatchesTheFile() throws Exception {
        Path db = newDb("unwatched.db");
        try (Connection c = open(db); Statement st = c.createStatement()) {
            ChangeWatcher.installCommitHook(c, db);
            st.executeUpdate("INSERT INTO t (x) VALUES ('nobody listens')");
        }
    }

    @Test
    void aCommitByAnotherProcessWakesAWaiter() throws Exception {
        Path db = newDb("xp.db");
        Path go = dir.resolve("go");
        Path log = dir.resolve("child.log");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db)) {
            Process child = ChildJvm.start(CommitChildMain.class, log, db.toString(), go.toString());
            try {
                Await.until(Duration.ofSeconds(120), "the child to connect", () -> ChildJvm.read(log).contains("READY"));
                try (ChangeWaiter waiter = ref.newWaiter()) {
                    Files.createFile(go);
                    assertThat(waiter.await(PATIENCE)).as("woken by the child's commit").isTrue();
                }
                assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
                assertThat(ChildJvm.read(log)).contains("COMMITTED");
            } finally {
                child.destroy();
            }
        }
    }

    @Test
    void deletingTheFileMakesABlockedAwaitThrowNamingThePath() throws Exception {
        Path db = newDb("doomed.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter()) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocked = blockedAwait(waiter, started);
            started.await();
            Files.delete(db);
            assertThat(blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(DatabaseReplacedException.class)
                    .asString().contains("deleted").contains(db.getFileName().toString());
            Await.until(PATIENCE, "the dead watcher's thread to end", () -> !ref.watcher().isRunning());
            assertThatThrownBy(() -> ref.newWaiter().await(Duration.ofDays(1)))
                    .as("a waiter made after the failure fails at once")
                    .isInstanceOf(DatabaseReplacedException.class);
        }
    }

    @Test
    void replacingTheFileMakesABlockedAwaitThrow() throws Exception {
        Path db = newDb("swapped.db");
        Path other = newDb("other.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter()) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocked = blockedAwait(waiter, started);
            started.await();
            Files.move(other, db, StandardCopyOption.REPLACE_EXISTING);
            assertThat(blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(DatabaseReplacedException.class)
                    .asString().contains("replaced").contains(db.getFileName().toString());
        }
        try (ChangeWatcher.Ref fresh = ChangeWatcher.acquire(db); ChangeWaiter waiter = fresh.newWaiter()) {
            fresh.watcher().wake();
            assertThat(waiter.await(Duration.ZERO)).as("a new acquire watches the new file").isTrue();
        }
    }

    @Test
    void releasingTheLastReferenceEndsTheThread() throws Exception {
        Path db = newDb("stop.db");
        ChangeWatcher.Ref a = ChangeWatcher.acquire(db);
        ChangeWatcher.Ref b = ChangeWatcher.acquire(db);
        ChangeWatcher watcher = a.watcher();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("honker-watcher-stop.db")).forEach(thread::set);
        assertThat(thread.get()).isNotNull();
        a.close();
        a.close();
        assertThat(watcher.isRunning()).as("b still holds it").isTrue();
        b.close();
        thread.get().join(PATIENCE.toMillis());
        assertThat(thread.get().isAlive()).isFalse();
        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void closingAWaiterFromAnotherThreadUnblocksItsAwait() throws Exception {
        Path db = newDb("close.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db)) {
            ChangeWaiter waiter = ref.newWaiter();
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Object> blocked = blockedAwait(waiter, started);
            started.await();
            waiter.close();
            assertThat(blocked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(false);
            assertThat(waiter.await(Duration.ofDays(1))).as("closed: returns at once").isFalse();
        }
    }

    @Test
    void anInterruptedAwaitThrowsInterruptedException() throws Exception {
        Path db = newDb("interrupt.db");
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter()) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> waiter.await(Duration.ofDays(1))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).as("the flag was consumed").isFalse();
        }
    }
}
