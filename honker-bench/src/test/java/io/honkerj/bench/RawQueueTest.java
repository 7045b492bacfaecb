package io.honkerj.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline is only fair if it does the same work: same rows in, same rows claimed and deleted. */
class RawQueueTest {
    @TempDir
    Path dir;

    @Test
    void rawBaselineWritesAndConsumesTheSameRowsAsHonker() throws Exception {
        Path file = dir.resolve("same.db");
        try (JdbiHonker honker = Honkers.open(file); RawQueue raw = new RawQueue(file, "raw")) {
            Queue viaHonker = honker.queue("honker");
            Queue rawSeenByHonker = honker.queue("raw");
            Workloads.enqueueOne(viaHonker);
            Workloads.enqueueOne(raw);
            Workloads.enqueueMany(viaHonker, Workloads.payloads(5));
            Workloads.enqueueMany(raw, 5);

            Map<String, Object> honkerRow = row(honker, "honker");
            Map<String, Object> rawRow = row(honker, "raw");
            for (Map<String, Object> row : java.util.List.of(honkerRow, rawRow)) {
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
            assertThat(Workloads.claimAndAck(raw, "w", 4)).isEqualTo(4);
            assertThat(viaHonker.stats().pending()).isEqualTo(2);
            assertThat(rawSeenByHonker.stats().pending()).isEqualTo(2);
            assertThat(rawSeenByHonker.stats().processing()).isZero();
        }
    }

    private static Map<String, Object> row(JdbiHonker honker, String queue) {
        return new java.util.HashMap<>(honker.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM _honker_live WHERE queue = :q ORDER BY id LIMIT 1").bind("q", queue).mapToMap().one()));
    }
}
