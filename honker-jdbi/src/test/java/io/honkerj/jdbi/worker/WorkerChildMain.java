package io.honkerj.jdbi.worker;

import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.api.Job;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM running a worker pool on queue {@code work}, for the shutdown and kill tests.
 *
 * <p>{@code <mode> <db> <concurrency> <claim-batch> <lease-s> <grace-s> <max-handler-ms>}. The handler sleeps
 * up to {@code max-handler-ms} (interruptibly), then records {@code (job_id, pid)} in table {@code runs}
 * (no key: a job run twice shows twice) and returns. Prints {@code RAN <n>} as it goes.
 * <ul>
 *   <li>{@code serve}: runs until the test stops the JVM; the pool is built with a shutdown hook of
 *       {@code grace-s} seconds, so SIGTERM shuts it down gracefully (prints {@code STOPPED clean=<b>}).</li>
 *   <li>{@code drain}: runs until the queue is empty, then closes the pool and exits 0.</li>
 * </ul>
 */
public final class WorkerChildMain {
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path db = Path.of(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[4]));
        Duration grace = Duration.ofSeconds(Long.parseLong(args[5]));
        int maxMillis = Integer.parseInt(args[6]);
        long pid = ProcessHandle.current().pid();
        AtomicLong ran = new AtomicLong();
        JdbiHonker honker = Honkers.open(db);
        WorkerPool.Builder builder = honker.workers()
                .workerIdPrefix("child-" + pid)
                .listener(new WorkerListener() {
                    @Override
                    public void jobReleased(Job job) {
                        System.out.println("RELEASED " + job.id());
                    }
                })
                .handle("work", Integer.class, WorkerOptions.defaults().withConcurrency(concurrency)
                        .withClaimBatch(batch).withLease(lease), (n, job) -> {
                            Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1));
                            honker.jdbi().useHandle(h -> h.execute(
                                    "INSERT INTO runs (job_id, pid) VALUES (?, ?)", job.id(), pid));
                            long total = ran.incrementAndGet();
                            if (total % 20 == 0) {
                                System.out.println("RAN " + total);
                            }
                            return null;
                        });
        if (mode.equals("serve")) {
            builder.shutdownHook(grace);
        }
        WorkerPool pool = builder.start();
        System.out.println("READY");
        if (mode.equals("serve")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // runs beside the pool's hook: report once the pool has stopped
                    boolean clean = pool.shutdown(grace);
                    System.out.println("STOPPED clean=" + clean + " ran=" + ran.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            Thread.sleep(Long.MAX_VALUE);
        }
        while (honker.queue("work").stats().pending() + honker.queue("work").stats().processing() > 0) {
            Thread.sleep(50);
        }
        boolean clean = pool.shutdown(Duration.ofSeconds(30));
        System.out.println("DRAINED clean=" + clean + " ran=" + ran.get());
        honker.close();
    }
}
