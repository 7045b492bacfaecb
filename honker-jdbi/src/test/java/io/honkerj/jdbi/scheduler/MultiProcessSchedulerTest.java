package io.honkerj.jdbi.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ScheduledTask;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real scheduler processes: only the leader fires; when it is killed the standby takes over within
 * one lock TTL (60 s); every boundary is fired exactly once throughout, so the jobs enqueued equal the
 * boundaries the persisted next fire moved past.
 */
class MultiProcessSchedulerTest {
    @TempDir
    Path dir;

    @Test
    void killingTheLeaderHandsOverAndEveryBoundaryFiresExactlyOnce() throws Exception {
        Path db = dir.resolve("sched.db");
        long firstNext;
        try (JdbiHonker honker = Honkers.open(db)) {
            honker.scheduler().add(ScheduledTask.of("tick", "ticks", "@every 1s", "t"));
            firstNext = honker.scheduler().list().get(0).nextFireAt().getEpochSecond();
            Process a = ChildJvm.start(SchedulerChildMain.class, dir.resolve("a.log"), db.toString());
            Await.until(Duration.ofSeconds(120), "a to lead", () -> ("pid-" + a.pid()).equals(leader(honker)));
            Process b = ChildJvm.start(SchedulerChildMain.class, dir.resolve("b.log"), db.toString());
            Await.until(Duration.ofSeconds(120), "b to run", () -> ChildJvm.read(dir.resolve("b.log")).contains("RUNNING"));
            Await.until(Duration.ofSeconds(30), "a few fires", () -> honker.queue("ticks").stats().pending() >= 3);
            a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(150), "b to take over after a's lease ran out",
                    () -> ("pid-" + b.pid()).equals(leader(honker)));
            long pendingAtTakeover = honker.queue("ticks").stats().pending();
            Await.until(Duration.ofSeconds(30), "b to fire", () -> honker.queue("ticks").stats().pending() > pendingAtTakeover);
            b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            long lastNext = honker.scheduler().list().get(0).nextFireAt().getEpochSecond();
            long jobs = honker.queue("ticks").stats().pending();
            assertThat(jobs).as("one job per boundary from %d to %d", firstNext, lastNext).isEqualTo(lastNext - firstNext);
        }
    }

    private static String leader(JdbiHonker h) {
        return h.jdbi().withHandle(x -> x.createQuery("SELECT owner FROM _honker_locks WHERE name = 'honker-scheduler'")
                .mapTo(String.class).findOne().orElse(null));
    }
}
