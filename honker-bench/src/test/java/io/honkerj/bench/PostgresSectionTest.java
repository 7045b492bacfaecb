package io.honkerj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.JdbiHonker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick report's PostgreSQL section keeps working: run in a tiny configuration on a real embedded server
 * (skipped, with the reason, where PostgreSQL cannot start), and its raw baseline does honker's work.
 */
class PostgresSectionTest {
    /** A few milliseconds per round, a handful of wake-ups: this checks that it runs, not how fast. */
    static final PostgresSection.Config TINY = new PostgresSection.Config(0, 20_000_000L, 20_000_000L, 2, 64, 1, 3, 1,
            5, 20);

    private static BenchPostgres pg;
    private static String failure;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        try {
            pg = BenchPostgres.start();
        } catch (Exception e) {
            failure = e.toString();
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    private static void requireServer() {
        assumeTrue(pg != null, () -> "PostgreSQL could not start: " + failure);
    }

    @Test
    void theSectionPrintsEachRowBesideItsRawBaselineAndRegistersItsTargets() throws Exception {
        requireServer();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Verdict verdict = new Verdict();

        new PostgresSection(TINY, dir, verdict, true, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(pg);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("| enqueue, 1 job per transaction", "| enqueue, 100 jobs per transaction",
                "| claim+ack, batch 1 ", "| claim+ack, batch 32 ", "| claim+ack, batch 128 ", "| concurrency 1 ",
                "| concurrency 4 ", "| concurrency 16 ", "| honker: queue.claimWaker().next()",
                "| raw: LISTEN honker_queue");
        assertThat(verdict.checks()).extracting(Verdict.Check::row).containsExactly("postgres enqueue 1/tx",
                "postgres claim+ack batch 32", "postgres cross-process wake p50");
        assertThat(verdict.checks()).allSatisfy(c -> assertThat(c.value()).isFinite().isPositive());
    }

    @Test
    void withoutAServerTheSectionSaysWhyAndIsSkippedUnlessStrict() throws Exception {
        String before = System.getProperty(BenchPostgres.LAUNCHER_PROPERTY);
        System.setProperty(BenchPostgres.LAUNCHER_PROPERTY, "none");
        try {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Verdict verdict = new Verdict();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

            assertThat(new PostgresSection(TINY, dir, verdict, false, out).run()).isFalse();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PostgreSQL section skipped: the embedded"
                    + " server could not start", "turned off by -Dhonkerj.postgres.launcher=none");
            assertThat(verdict.checks()).isEmpty();
            assertThatThrownBy(() -> new PostgresSection(TINY, dir, verdict, true, out).run())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the embedded server could not start")
                    .hasMessageContaining("-Dhonkerj.postgres.launcher=none");
        } finally {
            if (before == null) {
                System.clearProperty(BenchPostgres.LAUNCHER_PROPERTY);
            } else {
                System.setProperty(BenchPostgres.LAUNCHER_PROPERTY, before);
            }
        }
    }

    @Test
    void theRawBaselineWritesAndConsumesTheSameRowsAsHonker() throws Exception {
        requireServer();
        DataSource ds = pg.schema("same_rows");
        try (JdbiHonker honker = PostgresSection.honker(ds); RawPgQueue raw = new RawPgQueue(ds, "raw")) {
            Queue viaHonker = honker.queue("honker");
            Queue rawSeenByHonker = honker.queue("raw");
            Workloads.enqueueOne(viaHonker);
            raw.enqueue(Workloads.PAYLOAD_JSON);
            Workloads.enqueueMany(viaHonker, Workloads.payloads(5));
            assertThat(raw.enqueueAll(RawPgQueue.payloadsArray(Workloads.PAYLOAD_JSON, 5))).isEqualTo(5);

            Map<String, Object> honkerRow = row(honker, "honker");
            Map<String, Object> rawRow = row(honker, "raw");
            for (Map<String, Object> row : List.of(honkerRow, rawRow)) {
                // Both sides read the wall clock, which may tick between them: compare times within a row.
                assertThat(row.get("run_at")).isEqualTo(row.get("created_at"));
                row.remove("id");
                row.remove("run_at");
                row.remove("created_at");
            }
            honkerRow.put("queue", "raw");
            assertThat(rawRow).isEqualTo(honkerRow);
            assertThat(viaHonker.stats().pending()).isEqualTo(6);
            assertThat(rawSeenByHonker.stats().pending()).isEqualTo(6);

            assertThat(Workloads.claimAndAck(viaHonker, "w", 4)).isEqualTo(4);
            assertThat(raw.claimAndAck("w", 4, Workloads.LEASE_SECONDS)).isEqualTo(4);
            assertThat(viaHonker.stats().pending()).isEqualTo(2);
            assertThat(rawSeenByHonker.stats().pending()).isEqualTo(2);
            assertThat(rawSeenByHonker.stats().processing()).isZero();
        }
    }

    private static Map<String, Object> row(JdbiHonker honker, String queue) {
        return new HashMap<>(honker.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM _honker_live WHERE queue = :q ORDER BY id LIMIT 1").bind("q", queue).mapToMap().one()));
    }
}
