package io.honkerj.jdbi.queue;

import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A child JVM for the multi-process queue tests; {@code <db>} is a {@link SharedDatabase#location()} (a SQLite
 * file or a PostgreSQL URL).
 * <ul>
 *   <li>{@code drain <db> <queue> <threads> <batch> <go-file>}: once the go file exists, threads claim batches and, in one transaction per
 *       batch, log each job in {@code done_log} (primary key job_id) and ack it; exits when the queue is
 *       empty; prints {@code DONE <count>}.</li>
 *   <li>{@code hold <db> <queue>}: claims one job with a 1 s lease, prints {@code CLAIMED <id>}, then blocks
 *       forever (the test kills it).</li>
 *   <li>{@code reclaim <db> <queue> <id>}: claims until it gets job {@code id}, acks it, prints
 *       {@code ACKED <id> <attempts>}.</li>
 * </ul>
 */
public final class QueueChildMain {
    public static void main(String[] args) throws Exception {
        String db = args[1];
        String queueName = args[2];
        switch (args[0]) {
            case "drain" -> drain(db, queueName, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Path.of(args[5]));
            case "hold" -> hold(db, queueName);
            case "reclaim" -> reclaim(db, queueName, Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
        }
    }

    private static void drain(String db, String queueName, int threads, int batch, Path go) throws Exception {
        long pid = ProcessHandle.current().pid();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (JdbiHonker honker = SharedDatabase.open(db)) {
            Queue queue = honker.queue(queueName);
            System.out.println("READY");
            System.out.flush();
            while (!java.nio.file.Files.exists(go)) {
                Thread.sleep(2);
            }
            CountDownLatch finished = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                String worker = "child-" + pid + "-" + t;
                Thread thread = new Thread(() -> {
                    try {
                        while (true) {
                            List<Job> jobs = queue.claimBatch(worker, batch);
                            if (jobs.isEmpty()) {
                                if (queue.stats().pending() == 0) {
                                    return;
                                }
                                continue;
                            }
                            List<Long> ids = jobs.stream().map(Job::id).toList();
                            honker.inTransaction((h, tx) -> {
                                for (long id : ids) {
                                    h.execute("INSERT INTO done_log (job_id, worker) VALUES (?, ?)", id, worker);
                                }
                                int acked = tx.queue(queueName).ackBatch(ids, worker);
                                if (acked != ids.size()) {
                                    throw new IllegalStateException("acked " + acked + " of " + ids);
                                }
                                return null;
                            });
                            done.addAndGet(ids.size());
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        finished.countDown();
                    }
                });
                thread.start();
            }
            finished.await();
        }
        if (failure.get() != null) {
            failure.get().printStackTrace(System.out);
            System.exit(1);
        }
        System.out.println("DONE " + done.get());
    }

    private static void hold(String db, String queueName) throws InterruptedException {
        JdbiHonker honker = SharedDatabase.open(db);
        Queue queue = honker.queue(queueName, QueueOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(1)));
        Job job = queue.claimOne("doomed-" + ProcessHandle.current().pid()).orElseThrow();
        System.out.println("CLAIMED " + job.id());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static void reclaim(String db, String queueName, long id) throws InterruptedException {
        try (JdbiHonker honker = SharedDatabase.open(db)) {
            Queue queue = honker.queue(queueName);
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < giveUp) {
                var job = queue.claimOne("rescuer-" + ProcessHandle.current().pid());
                if (job.isPresent()) {
                    if (job.get().id() != id) {
                        throw new IllegalStateException("claimed unexpected job " + job.get());
                    }
                    boolean acked = job.get().ack();
                    System.out.println("ACKED " + id + " " + job.get().attempts() + " " + acked);
                    return;
                }
                Thread.sleep(50);
            }
            System.out.println("GAVE UP");
            System.exit(2);
        }
    }
}
