package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DatabaseReplacedException;
import io.honkerj.api.Listener;
import io.honkerj.api.Queue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database file deleted or replaced (a backup restored with {@code mv}) under an open honker: every later
 * operation of every honker on it fails with {@link DatabaseReplacedException}, nothing is written into the
 * old file's ghost, and the restored file keeps its rows.
 */
class ReplacedFileTest {
    @TempDir
    Path dir;

    private static void assertReplaced(Path file, String what, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(DatabaseReplacedException.class)
                .hasMessageContaining("Database file " + file + " was " + what)
                .hasMessageContaining("Close the honker and open a new one");
    }

    private static long count(JdbiHonker honker) {
        return honker.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_live").mapTo(Long.class).one());
    }

    @Test
    void aBackupRestoredUnderOpenHonkersKeepsItsRowsAndTheHonkersStop() {
        Path file = dir.resolve("app.db").toAbsolutePath();
        Path backup = dir.resolve("backup.db").toAbsolutePath();
        JdbiHonker first = Honkers.open(file);
        JdbiHonker second = Honkers.open(file);
        Queue queue = first.queue("q");
        queue.enqueue("before the backup");
        first.jdbi().useHandle(h -> h.execute("VACUUM INTO '" + backup + "'"));
        queue.enqueue("after the backup");
        second.queue("q").enqueue("after the backup too");

        try {
            Files.move(backup, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        assertReplaced(file, "replaced", () -> queue.enqueue("into the ghost"));
        assertReplaced(file, "replaced", () -> queue.claimOne("w"));
        assertReplaced(file, "replaced", () -> second.queue("q").enqueue("into the ghost"));
        assertReplaced(file, "replaced", () -> first.listen("c"));
        assertReplaced(file, "replaced", () -> second.tryLock("l", "me", Duration.ofSeconds(5)));
        assertReplaced(file, "replaced", first::workers);
        assertReplaced(file, "replaced", () -> first.queue("q").enqueue("again"));
        first.close();
        second.close();

        try (JdbiHonker restored = Honkers.open(file)) {
            assertThat(count(restored)).as("the restored file has the backup's row, and only it").isEqualTo(1);
            assertThat(restored.queue("q").claimOne("w").orElseThrow().payload(String.class))
                    .isEqualTo("before the backup");
            restored.queue("q").enqueue("works on the restored file");
        }
    }

    @Test
    void theWatcherAloneKeepsTheOldWalAwayFromTheRestoredFile() throws Exception {
        Path file = dir.resolve("watched-restore.db").toAbsolutePath();
        Path backup = dir.resolve("watched-backup.db").toAbsolutePath();
        JdbiHonker honker = Honkers.open(file);
        honker.queue("q").enqueue("before the backup");
        honker.jdbi().useHandle(h -> h.execute("VACUUM INTO '" + backup + "'"));
        honker.queue("q").enqueue("after the backup");
        Listener listener = honker.listen("c"); // runs the file's change watcher
        Path wal = Path.of(file + "-wal");
        assertThat(wal).exists();

        Files.move(backup, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Await.until(Duration.ofSeconds(30), "the watcher deletes the old file's -wal", () -> !Files.exists(wal));
        try (JdbiHonker restored = Honkers.open(file)) {
            assertThat(count(restored)).as("no old page replayed over the restored file").isEqualTo(1);
        }
        listener.close();
        honker.close();
    }

    @Test
    void aDeletedFileIsNeverWrittenToOrRecreated() throws Exception {
        Path file = dir.resolve("gone.db").toAbsolutePath();
        JdbiHonker honker = Honkers.open(file);
        Queue queue = honker.queue("q");
        queue.enqueue("x");
        Files.delete(file);

        assertReplaced(file, "deleted", () -> queue.enqueue("into the ghost"));
        assertReplaced(file, "deleted", () -> honker.stream("s").publish("e"));
        assertThat(file).doesNotExist();
        honker.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void aListenerBlockedWhenTheFileIsReplacedIsToldAndTheHonkerStops() throws Exception {
        Path file = dir.resolve("watched.db").toAbsolutePath();
        Path other = dir.resolve("other.db").toAbsolutePath();
        try (JdbiHonker honker = Honkers.open(file)) {
            honker.jdbi().useHandle(h -> h.execute("VACUUM INTO '" + other + "'"));
            Listener listener = honker.listen("c");
            CompletableFuture<Object> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return listener.recv(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThatThrownBy(() -> blocked.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(DatabaseReplacedException.class).hasMessageContaining(file.toString());
            assertReplaced(file, "replaced", () -> honker.notify("c", "x"));
        }
    }
}
