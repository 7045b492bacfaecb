package io.honkerj.bench;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.JdbiHonker;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;

/**
 * The quick report's PostgreSQL section: honker-jdbi on an embedded PostgreSQL server ({@link BenchPostgres})
 * beside raw pgjdbc running the same {@code .sql} files from statements prepared once ({@link RawPgQueue}),
 * both sides in the same run on the same server, each row in a schema of its own.
 *
 * <ul>
 *   <li>enqueue, 1 and 100 jobs per transaction; claim+ack at batch 1, 32 and 128: warmed up, then
 *       alternating rounds, as the SQLite table;</li>
 *   <li>a worker pool with a no-op handler at concurrency 1, 4 and 16 (claim batch 32) draining backlogs,
 *       beside the same number of raw threads, each on its own connection, claiming and acking batches of
 *       32 ({@code FOR UPDATE SKIP LOCKED} lets them run side by side);</li>
 *   <li>cross-process wake: a child JVM enqueues, one job every 20 ms; this JVM waits for it, through a
 *       claim waker ({@code queue.claimWaker().next}) for honker, through {@code LISTEN honker_queue} on a
 *       connection of its own and a claim for raw; the latency runs from just before the enqueue to the claim
 *       returning. Honker's figure is whatever its claim waker does on PostgreSQL in this build: before the
 *       LISTEN/NOTIFY waker it polls.</li>
 * </ul>
 */
final class PostgresSection {
    /** Enqueue and claim rows' target, and the wake p50 target (ms), from issue 15. */
    static final double RATE_TARGET = 0.8;
    static final double WAKE_P50_TARGET_MS = 1.0;

    private static final QuickReport.Step NO_REFILL = () -> 0;
    private static final int[] CLAIM_BATCHES = {1, 32, 128};
    private static final int[] CONCURRENCIES = {1, 4, 16};

    /**
     * How long and how much the section measures.
     *
     * @param jvmWarmupNanos honker's enqueue and claim paths run untimed first, for the JIT
     * @param warmupNanos each side of a row is run untimed this long first
     * @param roundNanos one round of one side
     * @param rounds alternating rounds per row
     * @param poolBacklog jobs per drained backlog in the pool rows
     * @param poolRounds alternating rounds per pool row
     * @param wakeSamples timed wake-ups per side
     * @param wakeSkip first wake-ups not counted
     * @param wakeGapMillis gap between two enqueues of the sending process
     * @param wakeChildWarmup untimed enqueues the sending process first makes, for its JIT
     */
    record Config(long jvmWarmupNanos, long warmupNanos, long roundNanos, int rounds, int poolBacklog,
            int poolRounds, int wakeSamples, int wakeSkip, long wakeGapMillis, int wakeChildWarmup) {
        /** The quick report's: about a minute and a half on a quiet 2-core machine. */
        static final Config QUICK = new Config(QuickReport.JVM_WARMUP_NANOS, 500_000_000L, 300_000_000L, 5,
                WorkerPoolBenchmark.BACKLOG, 5, 200, 20, 20, 2000);
    }

    private final Config config;
    private final Verdict verdict;
    private final boolean strict;
    private final PrintStream out;
    private final Path dir;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param dir where the wake children's logs go
     * @param strict fail (throw) when PostgreSQL cannot start, instead of printing why and skipping
     */
    PostgresSection(Config config, Path dir, Verdict verdict, boolean strict, PrintStream out) {
        this.config = config;
        this.dir = dir;
        this.verdict = verdict;
        this.strict = strict;
        this.out = out;
    }

    /**
     * Runs the section.
     *
     * @return whether it ran (false: PostgreSQL could not start, and the reason was printed)
     * @throws Exception if a workload fails, or PostgreSQL cannot start under {@code strict}
     */
    boolean run() throws Exception {
        out.println();
        BenchPostgres pg;
        try {
            pg = BenchPostgres.start();
        } catch (Exception e) {
            if (strict) {
                throw new IllegalStateException("PostgreSQL section: the embedded server could not start: " + e, e);
            }
            out.println("PostgreSQL section skipped: the embedded server could not start: " + e);
            return false;
        }
        try (pg) {
            run(pg);
        }
        return true;
    }

    /** Runs the section on a server already started (the test's). */
    void run(BenchPostgres pg) throws Exception {
        out.printf(Locale.ROOT, "PostgreSQL %s (embedded, synchronous_commit=off, started in %.1f s):"
                + " honker-jdbi beside raw pgjdbc running the same .sql files%n", pg.version(),
                pg.startup().toNanos() / 1e9);
        warmJvm(pg);
        enqueue(pg);
        claimAck(pg);
        printTable();
        workerPool(pg);
        wakeups(pg);
    }

    /** Runs honker's enqueue and claim+ack paths untimed, so the JIT has compiled them before any row. */
    private void warmJvm(BenchPostgres pg) throws Exception {
        try (JdbiHonker honker = honker(pg.schema("warm"))) {
            Queue queue = honker.queue("warm");
            long end = System.nanoTime() + config.jvmWarmupNanos();
            do {
                for (int i = 0; i < 100; i++) {
                    Workloads.enqueueOne(queue);
                }
                while (Workloads.claimAndAck(queue, "w", 1 + (int) (System.nanoTime() & 31)) > 0) {
                    // drain: batch sizes 1-32
                }
            } while (System.nanoTime() - end < 0);
        }
    }

    /**
     * A honker on a PostgreSQL data source, through {@code JdbiHonker.create(jdbi)} with its defaults:
     * {@code Honkers.open(DataSource)} (issue 15) opens the same honker.
     */
    static JdbiHonker honker(DataSource ds) {
        return JdbiHonker.create(Jdbi.create(ds));
    }

    private void enqueue(BenchPostgres pg) throws Exception {
        DataSource ds = pg.schema("enqueue");
        try (JdbiHonker honker = honker(ds); RawPgQueue raw = new RawPgQueue(ds, "raw")) {
            Queue queue = honker.queue("honker");
            Timed one = compare(() -> {
                Workloads.enqueueOne(queue);
                return 1;
            }, NO_REFILL, () -> {
                raw.enqueue(Workloads.PAYLOAD_JSON);
                return 1;
            }, NO_REFILL);
            row("enqueue, 1 job per transaction", one, "postgres enqueue 1/tx", Target.atLeast(RATE_TARGET));
            List<Object> hundred = Workloads.payloads(100);
            String hundredRaw = RawPgQueue.payloadsArray(Workloads.PAYLOAD_JSON, 100);
            Timed many = compare(() -> {
                Workloads.enqueueMany(queue, hundred);
                return 100;
            }, NO_REFILL, () -> raw.enqueueAll(hundredRaw), NO_REFILL);
            row("enqueue, 100 jobs per transaction", many, null, null);
        }
    }

    private void claimAck(BenchPostgres pg) throws Exception {
        for (int batch : CLAIM_BATCHES) {
            DataSource ds = pg.schema("claim" + batch);
            try (JdbiHonker honker = honker(ds); RawPgQueue raw = new RawPgQueue(ds, "raw")) {
                Queue queue = honker.queue("honker");
                Queue rawFiller = honker.queue("raw");
                Timed m = compare(() -> Workloads.claimAndAck(queue, "w", batch), () -> {
                    Workloads.fill(queue, 20_000);
                    return 0;
                }, () -> raw.claimAndAck("w", batch, Workloads.LEASE_SECONDS), () -> {
                    Workloads.fill(rawFiller, 20_000);
                    return 0;
                });
                row("claim+ack, batch " + batch, m, batch == 32 ? "postgres claim+ack batch 32" : null,
                        batch == 32 ? Target.atLeast(RATE_TARGET) : null);
            }
        }
    }

    /**
     * Alternating rounds of honker and raw, with the CPU time of the measuring thread (where all of either
     * side's client work runs) per job beside the wall-clock rates.
     *
     * @param wall each side's rounds, wall clock
     * @param honkerCpuMicros honker's CPU microseconds per job, median round
     * @param rawCpuMicros raw's CPU microseconds per job, median round
     */
    record Timed(QuickReport.Comparison wall, double honkerCpuMicros, double rawCpuMicros) {}

    /** Warms both sides up, then alternates rounds; as the SQLite table does, with this section's config. */
    private Timed compare(QuickReport.Step honker, QuickReport.Step honkerRefill, QuickReport.Step raw,
            QuickReport.Step rawRefill) throws Exception {
        QuickReport.runWithCpu(honker, honkerRefill, config.warmupNanos());
        QuickReport.runWithCpu(raw, rawRefill, config.warmupNanos());
        List<Measured> h = new ArrayList<>();
        List<Measured> r = new ArrayList<>();
        double[] hCpu = new double[config.rounds()];
        double[] rCpu = new double[config.rounds()];
        for (int round = 0; round < config.rounds(); round++) {
            Measured[] hr = QuickReport.runWithCpu(honker, honkerRefill, config.roundNanos());
            Measured[] rr = QuickReport.runWithCpu(raw, rawRefill, config.roundNanos());
            h.add(hr[0]);
            r.add(rr[0]);
            hCpu[round] = hr[1].microsPerUnit();
            rCpu[round] = rr[1].microsPerUnit();
        }
        Arrays.sort(hCpu);
        Arrays.sort(rCpu);
        return new Timed(new QuickReport.Comparison(h, r), median(hCpu), median(rCpu));
    }

    private void row(String what, Timed t, String checkName, Target target) {
        QuickReport.Comparison c = t.wall();
        double[] ratios = c.ratios();
        String targetCell = "";
        if (target != null) {
            verdict.check(checkName, median(ratios), target);
            targetCell = target + (target.metBy(median(ratios)) ? "" : " (missed)");
        }
        rows.add(new String[] {
            what,
            String.format(Locale.ROOT, "%,.0f jobs/s", c.honkerMedian().perSecond()),
            String.format(Locale.ROOT, "%,.0f jobs/s", c.rawMedian().perSecond()),
            String.format(Locale.ROOT, "%.2f", median(ratios)),
            spread(ratios),
            targetCell,
            String.format(Locale.ROOT, "%.1f / %.1f us", t.honkerCpuMicros(), t.rawCpuMicros())});
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static String spread(double[] sorted) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", sorted[0], median(sorted), sorted[sorted.length - 1]);
    }

    private void printTable() {
        out.println();
        QuickReport.printTable(out, new String[] {"PostgreSQL operation", "honker-jdbi", "raw pgjdbc", "ratio",
            "rounds min / median / max", "target", "CPU per job, honker / raw"}, rows);
        out.println();
        out.println("ratio = honker-jdbi / raw: 1.00 means no overhead. raw pgjdbc runs honker's own .sql files (the"
                + " postgres/ versions where they exist)");
        out.printf(Locale.ROOT, "from statements prepared once on one connection, one commit() per transaction;"
                + " each row warmed up %d ms a side, then %d alternating rounds%nof %d ms; each rate is its side's"
                + " median round, the ratio the median of the rounds' ratios (lowest and highest beside it).%n"
                + "CPU per job: the measuring thread's CPU time (all of a side's client work: Jdbi, mapping, JSON,"
                + " pgjdbc), median round;%nit holds steadier than wall time on a loaded machine, where the server's"
                + " processes compete with the client for the cores.%n",
                config.warmupNanos() / 1_000_000, config.rounds(), config.roundNanos() / 1_000_000);
    }

    /** One side of a pool row: drains a backlog, set up untimed. */
    private interface Drain {
        void setUp() throws Exception;

        void drain() throws Exception;
    }

    private Measured drainFor(Drain d, long nanos) throws Exception {
        long jobs = 0;
        long measured = 0;
        do {
            d.setUp();
            long t0 = System.nanoTime();
            d.drain();
            measured += System.nanoTime() - t0;
            jobs += config.poolBacklog();
        } while (measured < nanos);
        return new Measured(jobs, measured);
    }

    /**
     * A worker pool (no-op handler, claim batch 32) at each concurrency beside as many raw threads, each on its
     * own connection claiming and acking batches of 32, draining the same backlogs: warmed up, then
     * alternating rounds.
     */
    private void workerPool(BenchPostgres pg) throws Exception {
        out.println();
        out.printf(Locale.ROOT, "Worker pool on PostgreSQL, no-op handler: backlogs of %,d jobs drained by a pool"
                + " (claim batch %d) beside the same number%nof raw pgjdbc threads, each on its own connection,"
                + " claiming (FOR UPDATE SKIP LOCKED) and acking batches of %d; %d alternating rounds of %d ms"
                + " a side.%nThe pool's honker keeps as many connections as the raw side has threads"
                + " (JdbiHonker.create(jdbi, max(2, concurrency))).%n%n", config.poolBacklog(), WorkerPoolBenchmark.CLAIM_BATCH,
                WorkerPoolBenchmark.CLAIM_BATCH, config.poolRounds(), config.roundNanos() / 1_000_000);
        out.println("| PostgreSQL worker pool      | honker pool   | raw threads   | ratio | rounds min / median / max |");
        out.println("|-----------------------------|---------------|---------------|-------|---------------------------|");
        DataSource ds = pg.schema("pool");
        for (int c : CONCURRENCIES) {
            // as many connections as the raw side has (JdbiHonker.create's default keeps 2)
            try (JdbiHonker honker = JdbiHonker.create(Jdbi.create(ds), Math.max(2, c))) {
                poolRow(honker, ds, c);
            }
        }
    }

    private void poolRow(JdbiHonker honker, DataSource ds, int concurrency) throws Exception {
        String name = "pool-" + concurrency;
        Queue queue = honker.queue(name);
        Queue rawFiller = honker.queue("raw-" + concurrency);
        AckCounter acks = new AckCounter();
        WorkerPool pool = Workloads.startNoOpPool(honker, name, concurrency, WorkerPoolBenchmark.CLAIM_BATCH, acks);
        List<RawPgQueue> raws = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        try {
            pool.pause(name);
            for (int i = 0; i < concurrency; i++) {
                raws.add(new RawPgQueue(ds, "raw-" + concurrency));
            }
            Drain honkerSide = new Drain() {
                @Override
                public void setUp() {
                    pool.pause(name);
                    acks.expect(config.poolBacklog());
                    Workloads.fill(queue, config.poolBacklog());
                }

                @Override
                public void drain() throws InterruptedException {
                    pool.resume(name);
                    acks.await();
                }
            };
            Drain rawSide = new Drain() {
                @Override
                public void setUp() {
                    pool.pause(name);
                    Workloads.fill(rawFiller, config.poolBacklog());
                }

                @Override
                public void drain() throws Exception {
                    rawDrain(raws, threads, config.poolBacklog());
                }
            };
            drainFor(honkerSide, config.warmupNanos());
            drainFor(rawSide, config.warmupNanos());
            List<Measured> h = new ArrayList<>();
            List<Measured> r = new ArrayList<>();
            for (int round = 0; round < config.poolRounds(); round++) {
                h.add(drainFor(honkerSide, config.roundNanos()));
                r.add(drainFor(rawSide, config.roundNanos()));
            }
            QuickReport.Comparison cmp = new QuickReport.Comparison(h, r);
            double[] ratios = cmp.ratios();
            out.printf(Locale.ROOT, "| %-27s | %,6.0f jobs/s | %,6.0f jobs/s | %5.2f | %25s |%n",
                    "concurrency " + concurrency, cmp.honkerMedian().perSecond(), cmp.rawMedian().perSecond(),
                    median(ratios), spread(ratios));
        } finally {
            pool.shutdown(Duration.ofSeconds(10));
            threads.shutdownNow();
            for (RawPgQueue raw : raws) {
                raw.close();
            }
        }
    }

    /** The raw side of a pool row: every thread claims and acks batches until the backlog is all acked. */
    private static void rawDrain(List<RawPgQueue> raws, ExecutorService threads, int backlog) throws Exception {
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Future<?>> running = new ArrayList<>();
        for (RawPgQueue raw : raws) {
            running.add(threads.submit(() -> {
                while (done.get() < backlog) {
                    int n = raw.claimAndAck("w", WorkerPoolBenchmark.CLAIM_BATCH, Workloads.LEASE_SECONDS);
                    if (n == 0) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new IllegalStateException(done.get() + " of " + backlog + " jobs acked after 60 s");
                        }
                        Thread.onSpinWait(); // the rest is claimed by the other threads
                    }
                    done.addAndGet(n);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** Cross-process wake: honker's claim waker, then raw LISTEN, each woken by a child JVM's enqueues. */
    private void wakeups(BenchPostgres pg) throws Exception {
        DataSource ds = pg.schema("wake");
        WakeProbe.Percentiles honker;
        WakeProbe.Percentiles raw;
        try (JdbiHonker h = honker(ds)) {
            honker = honkerWake(h, pg.jdbcUrl("wake"));
        }
        raw = rawWake(ds, pg.jdbcUrl("wake"));
        out.println();
        out.printf(Locale.ROOT, "Cross-process wake on PostgreSQL: a child JVM enqueues one job every %d ms; this"
                + " JVM waits for it and claims it.%nFrom just before the enqueue to the claim returning (includes"
                + " the enqueue and claim transactions); %d samples a side.%n%n", config.wakeGapMillis(),
                config.wakeSamples());
        out.println("| PostgreSQL wake path                              |        p50 |        p90 |        p99 | target                  |");
        out.println("|---------------------------------------------------|------------|------------|------------|-------------------------|");
        Target p50 = Target.atMost(WAKE_P50_TARGET_MS, "%.2f ms");
        verdict.check("postgres cross-process wake p50", honker.p50() / 1e3, p50);
        wakeRow("honker: queue.claimWaker().next()", honker,
                "p50 " + p50 + (p50.metBy(honker.p50() / 1e3) ? "" : " (missed)"));
        wakeRow("raw: LISTEN honker_queue, getNotifications, claim", raw, "");
        out.println();
        double times = honker.p50() / raw.p50();
        out.printf(Locale.ROOT, "honker's p50 is %.2fx raw LISTEN/NOTIFY's in the same run.%n", times);
        if (looksPolled(honker, raw)) {
            out.println("That looks like polling: honker's claim waker on PostgreSQL does not wake on NOTIFY in this"
                    + " build (before the LISTEN/NOTIFY waker); the raw row is what LISTEN/NOTIFY gives.");
        }
    }

    /**
     * Whether honker's wake-ups look like a polling waiter's (one that re-checks every 5 to 200 ms) rather than
     * NOTIFY's: a p50 above 20 ms and more than 4 times raw LISTEN's in the same run.
     */
    static boolean looksPolled(WakeProbe.Percentiles honker, WakeProbe.Percentiles raw) {
        return honker.p50() > 20_000 && honker.p50() > 4 * raw.p50();
    }

    private void wakeRow(String what, WakeProbe.Percentiles p, String target) {
        out.printf(Locale.ROOT, "| %-49s | %7.2f ms | %7.2f ms | %7.2f ms | %-23s |%n", what, p.p50() / 1e3,
                p.p90() / 1e3, p.p99() / 1e3, target);
    }

    private Process child(String url, String mode, String queue) throws Exception {
        int total = config.wakeSamples() + config.wakeSkip();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PgWakeChild.class.getName(), url, mode, queue,
                Integer.toString(total), Long.toString(config.wakeGapMillis()),
                Integer.toString(config.wakeChildWarmup()))
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "pg-wake-" + mode + ".log")).start();
    }

    private void awaitChild(Process child, String mode) throws InterruptedException {
        if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
            child.destroyForcibly();
            throw new IllegalStateException("PostgreSQL wake child (" + mode + ") failed, see "
                    + dir.resolve("pg-wake-" + mode + ".log"));
        }
    }

    private WakeProbe.Percentiles honkerWake(JdbiHonker honker, String url) throws Exception {
        Queue queue = honker.queue("wake-honker");
        List<Long> latencies = new ArrayList<>();
        int total = config.wakeSamples() + config.wakeSkip();
        try (ClaimWaker waker = queue.claimWaker()) {
            Process child = child(url, "honker", "wake-honker");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (int i = 0; i < total; ) {
                    Optional<Job> job = waker.next("w", Duration.ofSeconds(1));
                    if (job.isEmpty()) {
                        failIfStuck(child, deadline, "honker", i, total);
                        continue;
                    }
                    long latency = System.nanoTime() - PgWakeChild.sentNanos(job.get().payloadJson());
                    queue.ackBatch(List.of(job.get().id()), "w");
                    if (i++ >= config.wakeSkip()) {
                        latencies.add(latency);
                    }
                }
                awaitChild(child, "honker");
            } finally {
                child.destroy();
            }
        }
        return WakeProbe.percentiles(latencies);
    }

    private WakeProbe.Percentiles rawWake(DataSource ds, String url) throws Exception {
        List<Long> latencies = new ArrayList<>();
        int total = config.wakeSamples() + config.wakeSkip();
        try (RawPgQueue raw = new RawPgQueue(ds, "wake-raw"); Connection listening = ds.getConnection()) {
            try (Statement st = listening.createStatement()) {
                st.execute("LISTEN honker_queue");
            }
            PGConnection notifications = listening.unwrap(PGConnection.class);
            Process child = child(url, "raw", "wake-raw");
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                for (int i = 0; i < total; ) {
                    List<RawPgQueue.Claimed> jobs = raw.claim("w", 1, Workloads.LEASE_SECONDS);
                    if (jobs.isEmpty()) {
                        notifications.getNotifications(1000);
                        failIfStuck(child, deadline, "raw", i, total);
                        continue;
                    }
                    long latency = System.nanoTime() - PgWakeChild.sentNanos(jobs.get(0).payload());
                    raw.ack(List.of(jobs.get(0).id()), "w");
                    if (i++ >= config.wakeSkip()) {
                        latencies.add(latency);
                    }
                }
                awaitChild(child, "raw");
            } finally {
                child.destroy();
            }
        }
        return WakeProbe.percentiles(latencies);
    }

    private void failIfStuck(Process child, long deadline, String mode, int got, int total) {
        if (System.nanoTime() - deadline > 0 || (!child.isAlive() && child.exitValue() != 0)) {
            throw new IllegalStateException("PostgreSQL wake (" + mode + "): " + got + " of " + total
                    + " jobs received; see " + dir.resolve("pg-wake-" + mode + ".log"));
        }
    }
}
