package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancel from one process reaches the handler running the job in another, within a heartbeat. On a SQLite
 * file here, on PostgreSQL in {@link PostgresMultiProcessCancelTest}.
 */
class MultiProcessCancelTest {
    static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    /** The database the test's processes share: a file in {@link #dir} here. */
    SharedDatabase database(String name) {
        return SharedDatabase.sqlite(dir.resolve(name + ".db"));
    }

    @Test
    void cancellingFromAnotherProcessInterruptsTheRunningHandlerAndItsListenerHearsCancelled() throws Exception {
        SharedDatabase file = database("cancel");
        Path log = dir.resolve("child.log");
        try (JdbiHonker honker = file.open()) {
            Queue slow = honker.queue("slow");
            Process child = ChildJvm.start(CancelChildMain.class, log, file.location());
            try {
                Await.until(WAIT, "child ready", () -> ChildJvm.read(log).contains("READY"));
                long id = slow.enqueue("report");
                Await.until(WAIT, "running in the child", () -> ChildJvm.read(log).contains("RUNNING " + id));
                assertThat(slow.cancel(id)).isTrue();
                Await.until(WAIT, "the child's heartbeat (every 1 s) found it",
                        () -> ChildJvm.read(log).contains("CANCELLED " + id));
                Await.until(WAIT, "its handler interrupted",
                        () -> ChildJvm.read(log).contains("INTERRUPTED " + id + " cancelled=true"));
                assertThat(ChildJvm.read(log)).doesNotContain("LOST " + id);
                assertThat(slow.getJob(id)).isEmpty();
                assertThat(slow.deadJobs(1)).isEmpty();
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
