package io.honkerj.jdbi.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs contend for one lock: exactly one is inside the critical section at any time. On a SQLite
 * file here, on PostgreSQL in {@link PostgresMultiProcessLockTest}.
 */
class MultiProcessLockTest {
    @TempDir
    Path dir;

    /** The database the test's processes share: a file in {@link #dir} here. */
    SharedDatabase database(String name) {
        return SharedDatabase.sqlite(dir.resolve(name + ".db"));
    }

    @Test
    void childProcessesNeverHoldTheLockAtTheSameTime() throws Exception {
        SharedDatabase db = database("locks");
        try (JdbiHonker honker = db.open()) {
            honker.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE critical (id INTEGER PRIMARY KEY, holder TEXT)");
                h.execute("INSERT INTO critical (id, holder) VALUES (1, NULL)");
                h.execute("CREATE TABLE lock_log (owner TEXT NOT NULL, overlapped_with TEXT)");
            });
        }
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = dir.resolve("lock-child-" + i + ".log");
            logs.add(log);
            children.add(ChildJvm.start(LockChildMain.class, log, db.location(), go.toString(), "40"));
        }
        Await.until(Duration.ofSeconds(120), "children ready", () -> logs.stream().allMatch(l -> ChildJvm.read(l).contains("READY")));
        Files.createFile(go);
        for (int i = 0; i < 3; i++) {
            assertThat(children.get(i).waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(children.get(i).exitValue()).as(ChildJvm.read(logs.get(i))).isZero();
        }
        try (JdbiHonker honker = db.open()) {
            long entries = honker.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM lock_log").mapTo(Long.class).one());
            long overlaps = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM lock_log WHERE overlapped_with IS NOT NULL").mapTo(Long.class).one());
            long owners = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT owner) FROM lock_log").mapTo(Long.class).one());
            assertThat(entries).isEqualTo(120);
            assertThat(overlaps).isZero();
            assertThat(owners).isEqualTo(3);
            assertThat(honker.tryLock("critical", "parent", Duration.ofSeconds(5))).as("released at the end").isPresent();
        }
    }
}
