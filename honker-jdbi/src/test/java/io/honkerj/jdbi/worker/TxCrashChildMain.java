package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.watch.ListenWatcher;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A child JVM of the crash loop in {@link TransactionalCrashLoopTest} and of {@link PostgresRestartTest}: a
 * worker pool on queue {@code work} whose transactional handler inserts the job's id and its own pid into
 * table {@code business}, then spends up to {@code max-handler-ms} inside the transaction (so a SIGKILL or a
 * server restart often lands mid-transaction). Runs until killed; prints {@code READY} once the pool runs and
 * {@code RECLAIMED <id>} for a job it claims again after a lapsed lease. On PostgreSQL it also prints
 * {@code LISTEN CONNECTS <n>} whenever the count of its claim waker's LISTEN connections ({@link ListenWatcher}:
 * 1, then 1 more per reconnection) changes.
 * Args: {@code <db> <concurrency> <claim-batch> <lease-s> <max-handler-ms>}, {@code <db>} a
 * {@link SharedDatabase#location()}.
 */
public final class TxCrashChildMain {
    public static void main(String[] args) throws Exception {
        String db = args[0];
        int concurrency = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[3]));
        int maxMillis = Integer.parseInt(args[4]);
        long pid = ProcessHandle.current().pid();
        JdbiHonker honker = SharedDatabase.open(db);
        honker.workers()
                .workerIdPrefix("crash-" + pid)
                .listener(new WorkerListener() {
                    @Override
                    public void jobStarted(Job job) {
                        if (job.attempts() > 1) { // claimed again after a killed worker's lease lapsed
                            System.out.println("RECLAIMED " + job.id());
                        }
                    }
                })
                .handleInTransaction("work", Integer.class, WorkerOptions.defaults().withConcurrency(concurrency)
                        .withClaimBatch(batch).withLease(lease), (n, job, handle) -> {
                            handle.execute("INSERT INTO business (job_id, pid) VALUES (?, ?)", job.id(), pid);
                            Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1));
                            return null;
                        })
                .start();
        if (SharedDatabase.isPostgres(db)) {
            ListenWatcher watcher = ListenWatcher.acquire(honker.jdbi()).watcher(); // the pool's own: same Jdbi
            Thread printer = new Thread(() -> {
                long printed = 0;
                while (true) {
                    long n = watcher.connects();
                    if (n != printed) {
                        System.out.println("LISTEN CONNECTS " + n);
                        printed = n;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "listen-connects");
            printer.setDaemon(true);
            printer.start();
        }
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }
}
