package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Claimed jobs wake one idle runner each, never all of them: counted through the pool's run queue.
 */
class RunnerWakeupTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final HonkerExtension db = new HonkerExtension(1_700_000_000L);

    /** Counts succeeded jobs. */
    static final class Done implements WorkerListener {
        final AtomicInteger succeeded = new AtomicInteger();

        @Override
        public void jobSucceeded(Job job, Duration took) {
            succeeded.incrementAndGet();
        }
    }

    private static QueueWorker worker(WorkerPool pool, String queue) {
        return ((JdbiWorkerPool) pool).queueWorker(queue);
    }

    @Test
    void oneJobAtATimeWakesOneOfEightIdleRunnersEach() throws Exception {
        Done done = new Done();
        Queue queue = db.honker().queue("one");
        try (WorkerPool pool = db.honker().workers().listener(done)
                .handle("one", Integer.class, WorkerOptions.defaults().withConcurrency(8), (n, job) -> null)
                .start()) {
            QueueWorker w = worker(pool, "one");
            for (int i = 1; i <= 5; i++) {
                Await.until(WAIT, "all 8 runners waiting", () -> w.waitingRunners() == 8);
                long before = w.runnerWakeups();
                queue.enqueue(i);
                int expected = i;
                Await.until(WAIT, "job " + i + " done", () -> done.succeeded.get() == expected);
                Await.until(WAIT, "all 8 runners waiting again", () -> w.waitingRunners() == 8);
                assertThat(w.runnerWakeups() - before).as("runners woken for job %d", i).isEqualTo(1);
            }
        }
    }

    @Test
    void aClaimedBatchWakesAtMostOneRunnerPerJob() throws Exception {
        Done done = new Done();
        Queue queue = db.honker().queue("batch");
        CountDownLatch go = new CountDownLatch(1);
        try (WorkerPool pool = db.honker().workers().listener(done)
                .handle("batch", Integer.class, WorkerOptions.defaults().withConcurrency(8).withClaimBatch(8),
                        (n, job) -> {
                            go.await(WAIT.toSeconds(), TimeUnit.SECONDS); // each job holds its runner
                            return null;
                        })
                .start()) {
            QueueWorker w = worker(pool, "batch");
            Await.until(WAIT, "all 8 runners waiting", () -> w.waitingRunners() == 8);
            long before = w.runnerWakeups();
            List<Integer> three = IntStream.range(0, 3).boxed().toList();
            queue.enqueueAll(three, EnqueueOptions.defaults()); // one commit: claimed as one batch
            Await.until(WAIT, "three runners busy, five waiting", () -> w.waitingRunners() == 5);
            assertThat(w.runnerWakeups() - before).as("runners woken for a batch of 3").isEqualTo(3);
            go.countDown();
            Await.until(WAIT, "the batch done", () -> done.succeeded.get() == 3);
        }
    }
}
