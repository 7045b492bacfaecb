package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.SharedDatabase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM of {@link MultiProcessCancelTest}: {@code <db>}, a {@link SharedDatabase#location()}. A pool on queue {@code slow} (3 s lease)
 * whose handler prints {@code RUNNING <id>} and blocks until interrupted, then prints
 * {@code INTERRUPTED <id> cancelled=<Job.isCancelled()>}; the listener prints {@code CANCELLED <id>} and
 * {@code LOST <id>}. Runs until killed.
 */
public final class CancelChildMain {
    public static void main(String[] args) throws Exception {
        JdbiHonker honker = SharedDatabase.open(args[0]);
        CountDownLatch never = new CountDownLatch(1);
        honker.workers()
                .listener(new WorkerListener() {
                    @Override
                    public void jobCancelled(Job job) {
                        System.out.println("CANCELLED " + job.id());
                    }

                    @Override
                    public void claimLost(Job job) {
                        System.out.println("LOST " + job.id());
                    }
                })
                .handle("slow", String.class, WorkerOptions.defaults().withLease(Duration.ofSeconds(3)), (p, job) -> {
                    System.out.println("RUNNING " + job.id());
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        System.out.println("INTERRUPTED " + job.id() + " cancelled=" + job.isCancelled());
                        throw e;
                    }
                    return null;
                })
                .start();
        System.out.println("READY");
        Thread.sleep(Long.MAX_VALUE);
    }
}
