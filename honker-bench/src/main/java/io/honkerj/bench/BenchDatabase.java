package io.honkerj.bench;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * One temp-file database per benchmark trial, used by both sides: honker's queue {@code "honker"}, and the
 * raw baseline on queue {@code "raw"} (filled through honker, since filling is not what is measured).
 */
final class BenchDatabase implements AutoCloseable {
    final Path dir;
    final JdbiHonker honker;
    final Queue queue;
    final Queue rawFiller;
    final RawQueue raw;

    BenchDatabase(String prefix) throws SQLException {
        dir = BenchFiles.newDir(prefix);
        honker = Honkers.open(dir.resolve("bench.db"));
        queue = honker.queue("honker");
        rawFiller = honker.queue("raw");
        raw = new RawQueue(dir.resolve("bench.db"), "raw");
    }

    /** Tops both queues up to {@code target} pending jobs. */
    void topUp(int target) {
        Workloads.fill(queue, (int) Math.max(0, target - queue.stats().pending()));
        Workloads.fill(rawFiller, (int) Math.max(0, target - rawFiller.stats().pending()));
    }

    @Override
    public void close() throws SQLException {
        raw.close();
        honker.close();
        BenchFiles.delete(dir);
    }
}
