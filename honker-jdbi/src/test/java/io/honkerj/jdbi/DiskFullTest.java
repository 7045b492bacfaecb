package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (reproduced without root by {@code PRAGMA max_page_count}) fails the write that hit it with a
 * message naming SQLITE_FULL and the file, leaves no transaction open on any connection, writes nothing
 * half, and once there is room again the same honker, a second honker and another connection all write.
 */
class DiskFullTest {
    private static final String BIG = "x".repeat(3000);

    @TempDir
    Path dir;

    /** Enqueues until the disk is "full"; returns the ids that made it and the failure. */
    private static RuntimeException fillUntilFull(Queue q, List<Long> ids) {
        for (int i = 0; i < 100_000; i++) {
            try {
                ids.add(q.enqueue(BIG + i));
            } catch (RuntimeException e) {
                return e;
            }
        }
        throw new AssertionError("never filled up");
    }

    private static void assertOtherConnectionsCanWrite(Path file) throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = other.createStatement()) {
            st.execute("PRAGMA busy_timeout = 2000");
            st.execute("CREATE TABLE IF NOT EXISTS probe (x)");
            st.execute("BEGIN IMMEDIATE");
            st.execute("INSERT INTO probe VALUES (1)");
            st.execute("COMMIT");
        }
        try (JdbiHonker second = Honkers.open(file)) {
            assertThat(second.queue("other").enqueue("from a second honker")).isPositive();
        }
    }

    private static void assertHealed(JdbiHonker honker, Path file, List<Long> ids, RuntimeException full)
            throws SQLException {
        assertThat(full.getMessage()).contains("SQLITE_FULL").contains(file.getFileName().toString());
        Queue q = honker.queue("fill");
        // the cause is still there: the next write fails the same clear way, nothing is stuck
        RuntimeException again = fillUntilFull(q, new ArrayList<>());
        assertThat(again.getMessage()).contains("SQLITE_FULL");
        // no dead transaction blocks anyone else
        assertOtherConnectionsCanWrite(file);
        // nothing half-written: exactly the jobs whose enqueue returned
        assertThat(q.stats().pending()).isEqualTo(ids.size());
        // room again: the same honker writes and works
        honker.inTransaction((h, tx) -> h.execute("PRAGMA max_page_count = 1000000"));
        long id = q.enqueue("after");
        List<Job> claimed = q.claimBatch("w", ids.size() + 1);
        assertThat(claimed).extracting(Job::id).containsAll(ids).contains(id).hasSize(ids.size() + 1);
    }

    private static void limitPages(JdbiHonker honker) {
        honker.inTransaction((h, tx) -> {
            long pages = h.createQuery("PRAGMA page_count").mapTo(Long.class).one();
            return h.execute("PRAGMA max_page_count = " + (pages + 40));
        });
    }

    @Test
    void honkersOpenHealsAfterDiskFull() throws Exception {
        Path file = dir.resolve("full.db").toAbsolutePath();
        try (JdbiHonker honker = Honkers.builder(file).maxConnections(1).open()) {
            limitPages(honker);
            List<Long> ids = new ArrayList<>();
            RuntimeException full = fillUntilFull(honker.queue("fill"), ids);
            assertHealed(honker, file, ids, full);
        }
    }

    @Test
    void appJdbiOnHikariHealsAfterDiskFull() throws Exception {
        Path file = dir.resolve("hikari-full.db").toAbsolutePath();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + file);
        cfg.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            Jdbi jdbi = Jdbi.create(pool).installPlugin(new HonkerPlugin());
            try (JdbiHonker honker = JdbiHonker.create(jdbi, 1)) {
                limitPages(honker);
                List<Long> ids = new ArrayList<>();
                RuntimeException full = fillUntilFull(honker.queue("fill"), ids);
                assertHealed(honker, file, ids, full);
            }
        }
    }

    /**
     * A COMMIT that fails leaves SQLite's transaction open (here a deferred foreign key, the one COMMIT
     * failure SQLite reproduces on demand): honker rolls it back, so nothing of it is written, the next call
     * works and no other connection waits on it.
     */
    private static void assertFailedCommitLeavesNothingOpen(JdbiHonker honker, Path file) throws SQLException {
        honker.inTransaction((h, tx) -> {
            h.execute("CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY)");
            return h.execute("CREATE TABLE IF NOT EXISTS child (parent_id INTEGER REFERENCES parent (id) "
                    + "DEFERRABLE INITIALLY DEFERRED)");
        });
        long before = honker.queue("commit").stats().pending();
        for (int attempt = 0; attempt < 3; attempt++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO child (parent_id) VALUES (42)");
                return tx.queue("commit").enqueue("never");
            })).hasStackTraceContaining("FOREIGN KEY");
        }
        assertOtherConnectionsCanWrite(file);
        assertThat(honker.queue("commit").stats().pending()).isEqualTo(before);
        assertThat(honker.queue("commit").enqueue("after")).isPositive();
    }

    @Test
    void aFailedCommitOnHonkersOpenIsRolledBack() throws Exception {
        Path file = dir.resolve("commit.db").toAbsolutePath();
        try (JdbiHonker honker = Honkers.builder(file).maxConnections(1).open()) {
            assertFailedCommitLeavesNothingOpen(honker, file);
        }
    }

    @Test
    void aFailedCommitOnAHikariHonkerIsRolledBack() throws Exception {
        Path file = dir.resolve("hikari-commit.db").toAbsolutePath();
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + file);
        cfg.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            Jdbi jdbi = Jdbi.create(pool).installPlugin(new HonkerPlugin());
            try (JdbiHonker honker = JdbiHonker.create(jdbi, 1)) {
                assertFailedCommitLeavesNothingOpen(honker, file);
                // and on the app's own handles, attached
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                    h.execute("INSERT INTO child (parent_id) VALUES (43)");
                    JdbiHonker.attach(h).queue("commit").enqueue("never either");
                })).hasStackTraceContaining("FOREIGN KEY");
                assertOtherConnectionsCanWrite(file);
                jdbi.useTransaction(h -> JdbiHonker.attach(h).queue("commit").enqueue("after, attached"));
            }
        }
    }
}
