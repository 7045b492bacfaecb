package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job enqueued by a real child JVM wakes a worker blocked in this JVM's claim waker. */
class CrossProcessWakeTest {
    @TempDir
    Path dir;

    @Test
    void anotherProcessEnqueueWakesABlockedClaim() throws Exception {
        Path db = dir.resolve("xp.db");
        Path go = dir.resolve("go");
        Path log = dir.resolve("child.log");
        try (JdbiHonker honker = Honkers.open(db); ClaimWaker waker = honker.queue("xp").claimWaker()) {
            Process child = ChildJvm.start(WakeChildMain.class, log, db.toString(), go.toString());
            Await.until(Duration.ofSeconds(120), "the child to be ready", () -> ChildJvm.read(log).contains("READY"));
            Files.createFile(go);
            Job job = waker.next("parent", Duration.ofSeconds(60)).orElseThrow();
            assertThat(job.payloadJson()).isEqualTo("\"from the child\"");
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(ChildJvm.read(log)).contains("ENQUEUED " + job.id());
        }
    }
}
