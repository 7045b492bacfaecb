package io.honkerj.bench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * Claim+ack throughput at batch 1, 32 and 128: each invocation claims up to {@code batch} jobs in one
 * transaction and acks them in a second, as a worker does. The {@code jobs} counter gives jobs per second;
 * {@code empty} counts claims that found nothing (the backlog is refilled before each iteration, so it
 * should stay 0).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClaimAckBenchmark {
    /** Jobs per claim. */
    @Param({"1", "32", "128"})
    public int batch;

    private BenchDatabase db;

    /** Jobs done and empty claims, reported per second by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Jobs claimed and acked. */
        public long jobs;
        /** Claims that found no job. */
        public long empty;

        /** Resets the counters before each iteration. */
        @Setup(Level.Iteration)
        public void reset() {
            jobs = 0;
            empty = 0;
        }
    }

    /** Opens the database for the trial. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = new BenchDatabase("honker-jmh-claim");
    }

    /** Tops both backlogs up to 150,000 jobs (enough for an iteration at 75,000 jobs/s). */
    @Setup(Level.Iteration)
    public void refill() {
        db.topUp(150_000);
    }

    /** Closes and deletes the database. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    private static void count(Counters c, int done) {
        c.jobs += done;
        if (done == 0) {
            c.empty++;
        }
    }

    /** Claim up to {@code batch} and ack them through honker. */
    @Benchmark
    public void honker(Counters c) {
        count(c, Workloads.claimAndAck(db.queue, "w", batch));
    }

    /** The same two transactions on raw sqlite-jdbc. */
    @Benchmark
    public void raw(Counters c) throws SQLException {
        count(c, Workloads.claimAndAck(db.raw, "w", batch));
    }

    /**
     * Runs this benchmark alone.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ClaimAckBenchmark.class.getSimpleName()).build()).run();
    }
}
