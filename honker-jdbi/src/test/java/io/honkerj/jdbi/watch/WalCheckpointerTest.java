package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The WAL is checkpointed by a background thread as commits add to it, and commits carry on meanwhile. */
class WalCheckpointerTest {
    @RegisterExtension
    final HonkerExtension db = new HonkerExtension(1_700_000_000L);

    @Test
    void commitsAreCheckpointedInTheBackgroundAndKeepWorking() {
        JdbiHonker honker = db.honker();
        Queue queue = honker.queue("ckpt");
        Path key = ChangeWatcher.keyOf(honker.file().orElseThrow());
        queue.enqueue(Map.of("n", 0));
        WalCheckpointer checkpointer = WalCheckpointer.existing(key);
        assertThat(checkpointer).as("a checkpointer for the file").isNotNull();
        long before = checkpointer.checkpoints();
        int[] sent = {1};
        Await.until(Duration.ofSeconds(30), "a background checkpoint that copied the whole WAL", () -> {
            for (int i = 0; i < 50; i++) {
                queue.enqueue(Map.of("n", sent[0]++)); // commits keep coming while the checkpoints run
            }
            return checkpointer.checkpoints() > before && checkpointer.lastFrames() > 0
                    && checkpointer.lastCheckpointed() == checkpointer.lastFrames();
        });
        assertThat(queue.stats().pending()).isEqualTo(sent[0]);
        for (int i = 0; i < 10; i++) {
            assertThat(queue.claimOne("w").orElseThrow().ack()).isTrue();
        }
        assertThat(queue.stats().pending()).isEqualTo(sent[0] - 10);
    }

    @Test
    void aReplacedFileIsCheckpointedThroughAConnectionOfItsOwn() throws Exception {
        JdbiHonker honker = db.honker();
        Path file = honker.file().orElseThrow().toAbsolutePath();
        Path backup = file.resolveSibling("backup.db");
        Path key = ChangeWatcher.keyOf(file);
        honker.queue("q").enqueue("in the backup");
        honker.jdbi().useHandle(h -> h.execute("VACUUM INTO ?", backup.toString()));
        honker.queue("q").enqueue("after the backup"); // the checkpointer has its connection open on this file
        WalCheckpointer checkpointer = WalCheckpointer.existing(key);
        try (JdbiHonker other = Honkers.open(backup)) {
            other.queue("warm").enqueue("x"); // nothing: only so the backup is a complete WAL-mode file
        }
        java.nio.file.Files.move(backup, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.deleteIfExists(Path.of(file + "-wal"));
        java.nio.file.Files.deleteIfExists(Path.of(file + "-shm"));
        try (JdbiHonker restored = Honkers.open(file)) {
            Queue q = restored.queue("q");
            long before = checkpointer.checkpoints();
            Await.until(Duration.ofSeconds(30), "a checkpoint of the restored file's WAL", () -> {
                q.enqueue("on the restored file");
                return checkpointer.checkpoints() > before && checkpointer.lastFrames() > 0
                        && checkpointer.lastCheckpointed() == checkpointer.lastFrames();
            });
            assertThat(q.claimOne("w").orElseThrow().payload(String.class)).isEqualTo("in the backup");
        }
    }

    @Test
    void aPauseInTheWritesTriggersNoCheckpoint() {
        // A checkpoint that copies the whole WAL makes the next commit start the WAL over, and SQLite syncs the
        // new WAL header on that commit's thread (an fsync): checkpointing after every pause made every commit
        // after a pause pay one. Only the WAL's length starts a pass.
        JdbiHonker honker = db.honker();
        Path key = ChangeWatcher.keyOf(honker.file().orElseThrow());
        honker.queue("lone").enqueue("one");
        WalCheckpointer checkpointer = WalCheckpointer.existing(key);
        long before = checkpointer.checkpoints();
        honker.queue("lone").enqueue("two");
        Await.until(Duration.ofSeconds(30), "the checkpoint thread parked with no timer, these commits below its "
                + "threshold", checkpointer::idleUntilMoreCommits);
        assertThat(checkpointer.checkpoints()).as("checkpoints after a pause").isEqualTo(before);
        assertThat(honker.queue("lone").stats().pending()).isEqualTo(2);
    }

    @Test
    void underWritesThatNeverPauseTheWalStaysBoundedAndNoCommitRunsACheckpoint() throws Exception {
        JdbiHonker honker = db.honker();
        Path file = honker.file().orElseThrow();
        Path wal = Path.of(file + "-wal");
        int autocheckpoint = honker.inTransaction((h, tx) -> h.createQuery("PRAGMA wal_autocheckpoint")
                .mapTo(Integer.class).one());
        assertThat(autocheckpoint).as("SQLite's autocheckpoint on honker's connections: a safety net far away")
                .isEqualTo(100_000);
        Queue queue = honker.queue("tight");
        String payload = "x".repeat(3000); // about a page per job: the WAL grows fast
        queue.enqueue(payload);
        WalCheckpointer checkpointer = WalCheckpointer.existing(ChangeWatcher.keyOf(file));
        long restartsBefore = checkpointer.restarts();
        int[] sent = {1};
        Await.until(Duration.ofSeconds(120), "two restarts of the WAL while one thread commits back to back", () -> {
            for (int i = 0; i < 200; i++) {
                queue.enqueue(payload);
                sent[0]++;
            }
            return checkpointer.restarts() >= restartsBefore + 2;
        });
        long pageSize = honker.<Long>inTransaction((h, tx) -> h.createQuery("PRAGMA page_size").mapTo(Long.class)
                .one());
        long walPages = java.nio.file.Files.size(wal) / (pageSize + 24);
        // the -wal file keeps the largest size the WAL ever had: ~4,000-6,000 pages on a quiet machine; on a
        // loaded one the passes' fsyncs take long and the WAL grows further meanwhile (up to ~11,000 pages
        // measured with load 20 on 2 cores); without restarts it would grow for as long as the writes go on
        assertThat(walPages).as("largest WAL, pages, after %d commits", sent[0])
                .isLessThan(25_000);
        assertThat(queue.stats().pending()).isEqualTo(sent[0]);
    }
}
