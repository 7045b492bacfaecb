package io.honkerj.bench;

import io.honkerj.api.Queue;
import io.honkerj.api.WorkerPool;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * End-to-end throughput of a {@link WorkerPool} with a no-op handler at concurrency 1, 4 and 16, beside bare
 * claim+ack at batch 32: each invocation drains a backlog of {@value #BACKLOG} due jobs, enqueued untimed
 * before it, and the score is jobs per second.
 *
 * <p>{@code pool}: the pool is paused while the backlog is enqueued; the invocation resumes it and returns
 * when its listener has heard {@code jobSucceeded} for every job, that is when every ack has committed.
 * Claims take up to {@value #CLAIM_BATCH} jobs ({@code WorkerOptions.withClaimBatch}), the same batch
 * as the baseline, so the difference is the pool's own machinery: claiming and settling from several
 * threads, hand-offs to runner threads, payload decoding, listener calls, and the change watcher its claim
 * waker needs. {@code bare}: one thread
 * claims up to {@value #CLAIM_BATCH} and acks them ({@code claimBatch} then {@code ackBatch}, as
 * {@link ClaimAckBenchmark} at batch 32) until the backlog is gone, on a database of its own: the pool's
 * claim waker starts its file's change watcher, which polls after every commit and would slow a baseline on
 * the same file too.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WorkerPoolBenchmark {
    /** Jobs each invocation drains. */
    static final int BACKLOG = 2_000;
    /** Most jobs per claim, for the pool and the baseline. */
    static final int CLAIM_BATCH = 32;
    /** The pool's queue. */
    static final String POOL_QUEUE = "pool";

    /** A running pool with a no-op handler on queue {@value #POOL_QUEUE}, paused between invocations. */
    @State(Scope.Benchmark)
    public static class PoolState {
        /** Handlers running at once. */
        @Param({"1", "4", "16"})
        public int concurrency;

        private BenchDatabase db;
        private Queue queue;
        private WorkerPool pool;
        private final AckCounter acks = new AckCounter();

        /** Opens the database and starts the pool, paused. */
        @Setup(Level.Trial)
        public void start() throws SQLException {
            db = new BenchDatabase("honker-jmh-pool");
            queue = db.honker.queue(POOL_QUEUE);
            pool = Workloads.startNoOpPool(db.honker, POOL_QUEUE, concurrency, CLAIM_BATCH, acks);
            pool.pause(POOL_QUEUE);
        }

        /** Pauses the pool, enqueues the backlog and arms the counter (not measured). */
        @Setup(Level.Invocation)
        public void enqueue() {
            pool.pause(POOL_QUEUE);
            acks.expect(BACKLOG);
            Workloads.fill(queue, BACKLOG);
        }

        /** Stops the pool, then closes and deletes the database. */
        @TearDown(Level.Trial)
        public void stop() throws SQLException, InterruptedException {
            pool.shutdown(Duration.ofSeconds(10));
            db.close();
        }
    }

    /** The baseline's database, its queue refilled before each invocation. */
    @State(Scope.Benchmark)
    public static class BareState {
        private BenchDatabase db;

        /** Opens the database. */
        @Setup(Level.Trial)
        public void open() throws SQLException {
            db = new BenchDatabase("honker-jmh-bare");
        }

        /** Enqueues the backlog (not measured). */
        @Setup(Level.Invocation)
        public void enqueue() {
            Workloads.fill(db.queue, BACKLOG);
        }

        /** Closes and deletes the database. */
        @TearDown(Level.Trial)
        public void close() throws SQLException {
            db.close();
        }
    }

    /** Drain the backlog through the pool. */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public void pool(PoolState s) throws InterruptedException {
        s.pool.resume(POOL_QUEUE);
        s.acks.await();
    }

    /** Drain the backlog by claiming up to 32 and acking them, on one thread. */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public void bare(BareState s) {
        Workloads.drain(s.db.queue, BACKLOG, CLAIM_BATCH);
    }

    /**
     * Runs this benchmark alone.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(WorkerPoolBenchmark.class.getSimpleName()).build()).run();
    }
}
