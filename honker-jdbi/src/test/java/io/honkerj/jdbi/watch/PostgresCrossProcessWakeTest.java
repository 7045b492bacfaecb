package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.ChildJvm;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, jobs enqueued by a real child JVM wake this JVM's blocked claim waker through
 * {@code LISTEN}/{@code NOTIFY}, and this JVM's answers wake the child's: a few hundred round trips, none
 * lost. Prints the wake-up latency (the child's {@code System.nanoTime()} before its enqueue to this JVM's
 * claim returning the job: the commit, the notification, the wake and the claim) for the record; asserts no
 * time.
 */
class PostgresCrossProcessWakeTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path dir;

    @Test
    void anotherProcessEnqueueWakesABlockedClaimEveryTime() throws Exception {
        int rounds = 300;
        PG.jdbi().useHandle(h -> h.execute("CREATE SCHEMA xp"));
        String url = PG.jdbcUrl() + "&currentSchema=xp";
        Path log = dir.resolve("child.log");
        List<Long> micros = new ArrayList<>();
        long[] woken = new long[rounds];
        try (JdbiHonker honker = JdbiHonker.create(Jdbi.create(url));
                ClaimWaker ping = honker.queue("ping").claimWaker()) {
            Process child = ChildJvm.start(PostgresWakeChildMain.class, log, url, Integer.toString(rounds));
            Await.until(Duration.ofSeconds(120), "the child to be ready", () -> ChildJvm.read(log).contains("READY"));
            for (int i = 0; i < rounds; i++) {
                Job job = ping.next("parent", Duration.ofSeconds(60)).orElseThrow(
                        () -> new AssertionError("no ping within 60 s: " + ChildJvm.read(log)));
                long woke = System.nanoTime();
                micros.add((woke - Long.parseLong(job.payloadJson())) / 1000);
                woken[i] = woke;
                assertThat(job.ack()).isTrue();
                honker.queue("pong").enqueue(i);
            }
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(child.exitValue()).as(ChildJvm.read(log)).isZero();
            assertThat(ChildJvm.read(log)).contains("DONE");
            assertThat(honker.queue("ping").stats().pending()).isZero();
        }
        List<Long> afterCommit = new ArrayList<>();
        for (String line : ChildJvm.read(log).lines().filter(l -> l.startsWith("SENT ")).toList()) {
            String[] f = line.split(" ");
            afterCommit.add((woken[Integer.parseInt(f[1])] - Long.parseLong(f[2])) / 1000);
        }
        assertThat(afterCommit).hasSize(rounds);
        print("enqueue called in a child JVM -> claim returned here", micros);
        print("enqueue returned (committed) in a child JVM -> claim returned here; negative: this JVM had the "
                + "job before the child had the commit's answer", afterCommit);
    }

    private static void print(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int n = sorted.size();
        System.out.printf(Locale.ROOT, "PostgreSQL cross-process wake (%s), %d wake-ups: p50 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms (shared, loaded machine: noisy)%n", what, n, sorted.get(n / 2) / 1000.0,
                sorted.get(n * 99 / 100) / 1000.0, sorted.get(n - 1) / 1000.0);
    }
}
