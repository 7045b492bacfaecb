package io.honkerj.jdbi.worker;

import io.honkerj.api.WorkerOptions;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;

/**
 * A child JVM of {@link PersistentPauseTest}: {@code <db>}. A worker pool on queues {@code work} and
 * {@code probe} whose handler records {@code (queue, job_id)} in table {@code runs}; runs until killed.
 */
public final class PauseChildMain {
    public static void main(String[] args) throws Exception {
        JdbiHonker honker = Honkers.open(Path.of(args[0]));
        PoolBuilder builder = honker.workers();
        for (String queue : new String[] {"work", "probe"}) {
            builder.handleInTransaction(queue, Integer.class, WorkerOptions.defaults().withClaimBatch(4),
                    (n, job, handle) -> handle.execute("INSERT INTO runs (queue, job_id) VALUES (?, ?)", queue, job.id()));
        }
        builder.start();
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }
}
