package io.honkerj.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Enqueue throughput, jobs per second: one job per transaction and 100 per transaction, through honker's
 * api and through raw sqlite-jdbc running the same INSERT. One temp-file database per trial, shared by both
 * sides so they write the same WAL.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnqueueBenchmark {
    private BenchDatabase db;
    private final List<Object> hundred = Workloads.payloads(100);

    /** Opens the database for the trial. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        db = new BenchDatabase("honker-jmh-enqueue");
    }

    /** Closes and deletes the database. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        db.close();
    }

    /** One job, one transaction, through honker. */
    @Benchmark
    public void honkerOnePerTx() {
        Workloads.enqueueOne(db.queue);
    }

    /** One job, one transaction, raw sqlite-jdbc. */
    @Benchmark
    public void rawOnePerTx() throws SQLException {
        Workloads.enqueueOne(db.raw);
    }

    /** 100 jobs in one transaction through honker's enqueueAll. */
    @Benchmark
    @OperationsPerInvocation(100)
    public void honkerHundredPerTx() {
        Workloads.enqueueMany(db.queue, hundred);
    }

    /** 100 jobs in one transaction, raw sqlite-jdbc (100 executions of the prepared INSERT). */
    @Benchmark
    @OperationsPerInvocation(100)
    public void rawHundredPerTx() throws SQLException {
        Workloads.enqueueMany(db.raw, 100);
    }

    /**
     * Runs this benchmark alone.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(EnqueueBenchmark.class.getSimpleName()).build()).run();
    }
}
