package io.honkerj.bench;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
 * The cost of one claim+ack (batch 1) with 1,000 or 100,000 jobs waiting: it must not grow with the backlog
 * (upstream's claim pays for a dead-letter pass over the whole queue). Each iteration is short and starts
 * from the same backlog, so the backlog stays within a few thousand jobs of the parameter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(1)
public class BacklogBenchmark {
    /** Jobs waiting when each iteration starts. */
    @Param({"1000", "100000"})
    public int backlog;

    private BenchDatabase db;

    /** Opens the database for the trial. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = new BenchDatabase("honker-jmh-backlog");
    }

    /** Tops both queues back up to the backlog. */
    @Setup(Level.Iteration)
    public void refill() {
        db.topUp(backlog + 10_000);
    }

    /** Closes and deletes the database. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    /** One claim+ack through honker. */
    @Benchmark
    public int honker() {
        return Workloads.claimAndAck(db.queue, "w", 1);
    }

    /** One claim+ack on raw sqlite-jdbc. */
    @Benchmark
    public int raw() throws SQLException {
        return Workloads.claimAndAck(db.raw, "w", 1);
    }

    /**
     * Runs this benchmark alone.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(BacklogBenchmark.class.getSimpleName()).build()).run();
    }
}
