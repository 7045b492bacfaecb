package io.honkerj.bench;

import io.honkerj.api.Queue;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The main job: a short fixed workload on a temporary SQLite file that prints, for each operation,
 * honker-jdbi's rate beside a raw sqlite-jdbc baseline running the same SQL in the same run, and their
 * ratio, with the spread of the rounds and the target of each row that has one. Runs in about a minute and
 * a half (a 6 s JVM warm-up, then each row warmed and timed over 7 alternating rounds); JMH ({@code benchmarks.jar}) gives the careful numbers.
 *
 * <p>Rows that have a target register it with the report's {@link Verdict} as they are measured; the report
 * ends with a verdict line naming the rows below target, and with {@code --strict} exits with status 1 when
 * there is one (for a CI job).
 */
public final class QuickReport {
    /**
     * How long the report first runs honker's enqueue and claim+ack paths untimed, on a file of its own: the
     * deep Jdbi path reaches steady state after about 5-6 s of JVM life (450 us per enqueue at 2 s, 62-70 at
     * 6 s), raw sqlite-jdbc at once.
     */
    static final long JVM_WARMUP_NANOS = 6_000_000_000L;
    private static final long WARMUP_NANOS = 500_000_000L;
    private static final long ROUND_NANOS = 300_000_000L;
    private static final int ROUNDS = 7;

    private static final Step NO_REFILL = () -> 0;

    private final Path dir;
    private final List<String[]> rows = new ArrayList<>();
    private final Verdict verdict = new Verdict();

    private QuickReport(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs the report.
     *
     * @param args {@code pool}, {@code wake}, {@code own-jdbi} or {@code postgres} for that section alone (else the
     *     whole report); {@code --strict} to exit with status 1 when a row is below its target (or PostgreSQL
     *     cannot start)
     * @throws Exception if a workload fails
     */
    public static void main(String[] args) throws Exception {
        Args parsed;
        try {
            parsed = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Args.USAGE);
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("honker-quick-report");
        long start = System.nanoTime();
        QuickReport report = new QuickReport(dir);
        try {
            System.out.printf(Locale.ROOT, "honker-jdbi quick report: embedded SQLite (WAL, synchronous=NORMAL) in %s,"
                    + " %d cores, Java %s%n%n", dir, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            if (parsed.runs(Section.TABLE) || parsed.runs(Section.POOL) || parsed.runs(Section.OWN_JDBI)) {
                report.warmJvm();
            }
            if (parsed.runs(Section.TABLE)) {
                report.enqueue();
                report.claimAck();
                report.backlog();
                report.print();
            }
            if (parsed.runs(Section.POOL)) {
                report.workerPool();
            }
            if (parsed.runs(Section.WAKE)) {
                report.wakeups();
            }
            if (parsed.runs(Section.OWN_JDBI)) {
                new OwnJdbiSection(dir, report.verdict).run();
            }
            if (parsed.runs(Section.POSTGRES)) {
                new PostgresSection(PostgresSection.Config.QUICK, dir, report.verdict, parsed.strict(), System.out).run();
            }
            System.out.printf(Locale.ROOT, "%nTotal time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            BenchFiles.delete(dir);
        }
        System.out.println(report.verdict.line());
        if (parsed.strict() && !report.verdict.allMet()) {
            System.exit(1);
        }
    }

    /** The report's sections. */
    enum Section {
        /** Enqueue, claim+ack and backlog rows beside raw sqlite-jdbc. */
        TABLE,
        /** The worker pool beside bare claim+ack. */
        POOL,
        /** Wake latency and the idle watcher's CPU. */
        WAKE,
        /** Honker on an app's own Jdbi (HikariCP, plain URL) beside {@code Honkers.open}. */
        OWN_JDBI,
        /** Honker on an embedded PostgreSQL beside raw pgjdbc ({@link PostgresSection}). */
        POSTGRES
    }

    /**
     * The command line.
     *
     * @param only the one section to run ({@code pool}, {@code wake}, {@code own-jdbi} or {@code postgres}), or null for the whole
     *     report
     * @param strict exit with status 1 when a row is below its target
     */
    record Args(Section only, boolean strict) {
        static final String USAGE =
                "usage: java -cp benchmarks.jar io.honkerj.bench.QuickReport [pool|wake|own-jdbi|postgres] [--strict]";

        static Args parse(String... args) {
            Section only = null;
            boolean strict = false;
            for (String arg : args) {
                switch (arg) {
                    case "pool" -> only = Section.POOL;
                    case "wake" -> only = Section.WAKE;
                    case "own-jdbi" -> only = Section.OWN_JDBI;
                    case "postgres" -> only = Section.POSTGRES;
                    case "--strict" -> strict = true;
                    default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'");
                }
            }
            return new Args(only, strict);
        }

        boolean runs(Section section) {
            return only == null || only == section;
        }
    }

    @FunctionalInterface
    interface Step {
        /** Does one unit of work and returns how many jobs it handled. */
        int run() throws Exception;
    }

    /**
     * Runs a step (refilling untimed when it reports 0 jobs) until this much measured time has passed, as
     * {@link #run}; also counts the thread's CPU time over the same steps.
     *
     * @return the wall-clock measure, then the CPU-time measure
     */
    static Measured[] runWithCpu(QuickReport.Step step, QuickReport.Step refill, long nanos) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long units = 0;
        long wall = 0;
        long cpu = 0;
        while (wall < nanos) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int done = step.run();
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            if (done == 0) {
                refill.run();
                continue;
            }
            wall += t1 - t0;
            cpu += c1 - c0;
            units += done;
        }
        return new Measured[] {new Measured(units, wall), new Measured(units, Math.max(1, cpu))};
    }

    /** Runs a step (refilling untimed when it reports 0 jobs) until this much measured time has passed. */
    static Measured run(Step step, Step refill, long nanos) throws Exception {
        long units = 0;
        long measured = 0;
        while (measured < nanos) {
            long t0 = System.nanoTime();
            int done = step.run();
            long t1 = System.nanoTime();
            if (done == 0) {
                refill.run();
                continue;
            }
            measured += t1 - t0;
            units += done;
        }
        return new Measured(units, measured);
    }

    /**
     * Runs honker's enqueue and claim+ack paths untimed for {@link #JVM_WARMUP_NANOS} on a file of its own,
     * so the JIT has compiled the deep Jdbi path before any row is timed.
     */
    private void warmJvm() throws Exception {
        try (JdbiHonker honker = Honkers.open(Files.createDirectories(dir.resolve("warm-up")).resolve("warm.db"))) {
            Queue queue = honker.queue("warm");
            long end = System.nanoTime() + JVM_WARMUP_NANOS;
            while (System.nanoTime() - end < 0) {
                for (int i = 0; i < 200; i++) {
                    Workloads.enqueueOne(queue);
                }
                while (Workloads.claimAndAck(queue, "w", 1 + (int) (System.nanoTime() & 31)) > 0) {
                    // drain: batch sizes 1-32
                }
            }
        }
    }

    /**
     * Times honker and raw fairly: both are warmed up first (the WAL grown to its working size; the JIT
     * is warm from {@link #warmJvm()}), then they run in {@value #ROUNDS} alternating rounds on the same file.
     * Each side's figure is its median round; the ratio is the median of the rounds' ratios (round i of
     * honker against round i of raw), with the lowest and highest beside it.
     */
    private static Comparison compare(Step honker, Step honkerRefill, Step raw, Step rawRefill) throws Exception {
        run(honker, honkerRefill, WARMUP_NANOS);
        run(raw, rawRefill, WARMUP_NANOS);
        List<Measured> h = new ArrayList<>();
        List<Measured> r = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            h.add(run(honker, honkerRefill, ROUND_NANOS));
            r.add(run(raw, rawRefill, ROUND_NANOS));
        }
        return new Comparison(h, r);
    }

    /**
     * Alternating rounds of two sides.
     *
     * @param honker honker's rounds, in order
     * @param raw the baseline's rounds, in order
     */
    record Comparison(List<Measured> honker, List<Measured> raw) {
        Measured honkerMedian() {
            return median(honker);
        }

        Measured rawMedian() {
            return median(raw);
        }

        /** @return each round's honker rate / raw rate, sorted */
        double[] ratios() {
            double[] ratios = new double[honker.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = honker.get(i).perSecond() / raw.get(i).perSecond();
            }
            java.util.Arrays.sort(ratios);
            return ratios;
        }
    }

    static Measured median(List<Measured> rounds) {
        List<Measured> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(Measured::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** @return the spread of sorted ratios, e.g. {@code 0.84 / 0.91 / 0.95} (min / median / max) */
    private static String spread(double[] sorted) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", sorted[0], median(sorted), sorted[sorted.length - 1]);
    }

    private void row(String what, Comparison c, String unit, Target target) {
        double[] ratios = c.ratios();
        rows.add(new String[] {
            what,
            String.format(Locale.ROOT, "%,.0f %s", c.honkerMedian().perSecond(), unit),
            String.format(Locale.ROOT, "%,.0f %s", c.rawMedian().perSecond(), unit),
            String.format(Locale.ROOT, "%.2f", median(ratios)),
            spread(ratios),
            target == null ? "" : targetCell(what, median(ratios), target)});
    }

    /** Registers a figure with the verdict; returns its target as the row shows it, marked when missed. */
    private String targetCell(String what, double value, Target target) {
        verdict.check(what, value, target);
        return target + (target.metBy(value) ? "" : " (missed)");
    }

    private void enqueue() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("enqueue.db"));
                RawQueue raw = new RawQueue(dir.resolve("enqueue.db"), "raw")) {
            Queue queue = honker.queue("honker");
            Comparison one = compare(() -> {
                Workloads.enqueueOne(queue);
                return 1;
            }, NO_REFILL, () -> {
                Workloads.enqueueOne(raw);
                return 1;
            }, NO_REFILL);
            row("enqueue, 1 job per transaction", one, "jobs/s", Target.atLeast(0.90));
            List<Object> hundred = Workloads.payloads(100);
            Comparison many = compare(() -> {
                Workloads.enqueueMany(queue, hundred);
                return 100;
            }, NO_REFILL, () -> {
                Workloads.enqueueMany(raw, 100);
                return 100;
            }, NO_REFILL);
            row("enqueue, 100 jobs per transaction", many, "jobs/s", null);
        }
    }

    private void claimAck() throws Exception {
        for (int batch : new int[] {1, 32, 128}) {
            Path file = dir.resolve("claim-" + batch + ".db");
            try (JdbiHonker honker = Honkers.open(file);
                    RawQueue raw = new RawQueue(file, "raw")) {
                Queue queue = honker.queue("honker");
                Queue rawFiller = honker.queue("raw");
                Comparison m = compare(() -> Workloads.claimAndAck(queue, "w", batch), () -> {
                    Workloads.fill(queue, 20_000);
                    return 0;
                }, () -> Workloads.claimAndAck(raw, "w", batch), () -> {
                    Workloads.fill(rawFiller, 20_000);
                    return 0;
                });
                row("claim+ack, batch " + batch, m, "jobs/s", Target.atLeast(batch == 32 ? 0.85 : 0.90));
            }
        }
    }

    /** Claim+ack (batch 1) cost with 1k and 100k jobs waiting: it must not grow with the backlog. */
    private void backlog() throws Exception {
        Comparison[] c = new Comparison[2];
        int[] backlogs = {1_000, 100_000};
        for (int i = 0; i < 2; i++) {
            Path file = dir.resolve("backlog-" + backlogs[i] + ".db");
            try (JdbiHonker h = Honkers.open(file);
                    RawQueue r = new RawQueue(file, "raw")) {
                Queue queue = h.queue("honker");
                Queue rawFiller = h.queue("raw");
                int backlog = backlogs[i];
                Workloads.fill(queue, backlog);
                Workloads.fill(rawFiller, backlog);
                BacklogKeeper hk = new BacklogKeeper(queue, () -> Workloads.claimAndAck(queue, "w", 1));
                BacklogKeeper rk = new BacklogKeeper(rawFiller, () -> Workloads.claimAndAck(r, "w", 1));
                c[i] = compare(hk::step, hk::refill, rk::step, rk::refill);
            }
        }
        for (int i = 0; i < 2; i++) {
            double[] ratios = c[i].ratios();
            rows.add(new String[] {
                String.format(Locale.ROOT, "claim+ack cost, backlog %,d", backlogs[i]),
                String.format(Locale.ROOT, "%.1f us/job", c[i].honkerMedian().microsPerUnit()),
                String.format(Locale.ROOT, "%.1f us/job", c[i].rawMedian().microsPerUnit()),
                String.format(Locale.ROOT, "%.2f", median(ratios)),
                spread(ratios),
                ""});
        }
        rows.add(new String[] {
            "claim+ack cost growth, 100k vs 1k backlog",
            String.format(Locale.ROOT, "%.2fx", c[1].honkerMedian().microsPerUnit() / c[0].honkerMedian().microsPerUnit()),
            String.format(Locale.ROOT, "%.2fx", c[1].rawMedian().microsPerUnit() / c[0].rawMedian().microsPerUnit()),
            "", "", ""});
    }

    /** Keeps a queue's backlog within 500 jobs of where it started while a claim+ack step runs. */
    private static final class BacklogKeeper {
        private final Queue filler;
        private final Step claimAck;
        private int taken;

        BacklogKeeper(Queue filler, Step claimAck) {
            this.filler = filler;
            this.claimAck = claimAck;
        }

        int step() throws Exception {
            if (taken >= 500) {
                return 0;
            }
            int done = claimAck.run();
            if (done == 0) {
                throw new IllegalStateException("backlog ran dry");
            }
            taken += done;
            return done;
        }

        int refill() {
            Workloads.fill(filler, taken);
            taken = 0;
            return 0;
        }
    }

    /** The pool section's warm-up per side, then its rounds: each side drains backlogs for a round's time. */
    private static final long POOL_WARMUP_NANOS = 600_000_000L;
    private static final long POOL_ROUND_NANOS = 250_000_000L;
    private static final int POOL_ROUNDS = 7;

    /** Drains one backlog of {@link WorkerPoolBenchmark#BACKLOG} jobs, after an untimed setup. */
    private interface Drain {
        /** Untimed: enqueues the backlog (and pauses whatever must not start early). */
        void setUp() throws Exception;

        /** Timed: works the whole backlog off. */
        void drain() throws Exception;
    }

    /** Drains backlogs, each set up untimed, until this much measured time has passed. */
    private static Measured drainFor(Drain d, long nanos) throws Exception {
        long jobs = 0;
        long measured = 0;
        while (measured < nanos) {
            d.setUp();
            long t0 = System.nanoTime();
            d.drain();
            measured += System.nanoTime() - t0;
            jobs += WorkerPoolBenchmark.BACKLOG;
        }
        return new Measured(jobs, measured);
    }

    /**
     * A worker pool with a no-op handler at concurrency 1, 4 and 16 (claim batch 32) beside bare claim+ack at
     * batch 32: each side drains backlogs of 2,000 jobs enqueued untimed (every pool paused meanwhile), warmed
     * up first, then alternating rounds; each figure is its side's median round. The bare side has a file of
     * its own, in a folder of its own: a pool's claim waker starts the change watcher of its file, which polls
     * after every commit and wakes on file events in that folder, and would slow the bare side down too.
     */
    private void workerPool() throws Exception {
        int[] concurrencies = {1, 4, 16};
        try (JdbiHonker honker = Honkers.open(dir.resolve("pool.db"));
                JdbiHonker bareHonker = Honkers.open(Files.createDirectories(dir.resolve("bare")).resolve("bare.db"))) {
            List<Drain> sides = new ArrayList<>();
            List<WorkerPool> pools = new ArrayList<>();
            try {
                for (int c : concurrencies) {
                    String name = "pool-" + c;
                    Queue queue = honker.queue(name);
                    AckCounter acks = new AckCounter();
                    WorkerPool pool = Workloads.startNoOpPool(honker, name, c, WorkerPoolBenchmark.CLAIM_BATCH, acks);
                    pools.add(pool);
                    pool.pause(name);
                    sides.add(new Drain() {
                        @Override
                        public void setUp() {
                            pauseAll(pools);
                            acks.expect(WorkerPoolBenchmark.BACKLOG);
                            Workloads.fill(queue, WorkerPoolBenchmark.BACKLOG);
                        }

                        @Override
                        public void drain() throws InterruptedException {
                            pool.resume(name);
                            acks.await();
                        }
                    });
                }
                Queue bare = bareHonker.queue("bare");
                sides.add(new Drain() {
                    @Override
                    public void setUp() {
                        pauseAll(pools);
                        Workloads.fill(bare, WorkerPoolBenchmark.BACKLOG);
                    }

                    @Override
                    public void drain() {
                        Workloads.drain(bare, WorkerPoolBenchmark.BACKLOG, WorkerPoolBenchmark.CLAIM_BATCH);
                    }
                });
                for (Drain d : sides) {
                    drainFor(d, POOL_WARMUP_NANOS);
                }
                List<List<Measured>> rounds = new ArrayList<>();
                for (int i = 0; i < sides.size(); i++) {
                    rounds.add(new ArrayList<>());
                }
                for (int round = 0; round < POOL_ROUNDS; round++) {
                    for (int i = 0; i < sides.size(); i++) {
                        rounds.get(i).add(drainFor(sides.get(i), POOL_ROUND_NANOS));
                    }
                }
                List<Measured> bareRounds = rounds.get(sides.size() - 1);
                double bareRate = median(bareRounds).perSecond();
                System.out.println();
                System.out.printf(Locale.ROOT, "Worker pool, no-op handler: backlogs of %,d jobs drained through a"
                        + " running pool (claim batch %d),%nbeside bare claim+ack batch %d (claimBatch + ackBatch on"
                        + " one thread) in the same run;%neach side warmed up, then %d alternating rounds of %d ms;"
                        + " each rate is its side's median round,%nthe ratio the median of the rounds' ratios to the"
                        + " bare round beside them (lowest and highest beside it).%n%n", WorkerPoolBenchmark.BACKLOG,
                        WorkerPoolBenchmark.CLAIM_BATCH, WorkerPoolBenchmark.CLAIM_BATCH, POOL_ROUNDS,
                        POOL_ROUND_NANOS / 1_000_000);
                System.out.println("| worker pool, no-op handler  |          rate | vs bare batch 32 | rounds min / median / max | target           |");
                System.out.println("|-----------------------------|---------------|------------------|---------------------------|------------------|");
                for (int i = 0; i < concurrencies.length; i++) {
                    double[] ratios = new double[POOL_ROUNDS];
                    for (int r = 0; r < POOL_ROUNDS; r++) {
                        ratios[r] = rounds.get(i).get(r).perSecond() / bareRounds.get(r).perSecond();
                    }
                    java.util.Arrays.sort(ratios);
                    String row = "pool, concurrency " + concurrencies[i];
                    String target = concurrencies[i] == 4
                            ? targetCell("pool@4 / bare batch 32", median(ratios), Target.atLeast(0.80)) : "";
                    poolRow(row, median(rounds.get(i)).perSecond(), median(ratios), spread(ratios), target);
                }
                poolRow("bare claim+ack, batch 32", bareRate, 1.0, "", "");
            } finally {
                for (WorkerPool pool : pools) {
                    pool.shutdown(Duration.ofSeconds(10));
                }
            }
        }
    }

    /**
     * Pauses every pool: an idle pool left running would wake at each commit on its file and claim in vain,
     * slowing down the one being measured.
     */
    private static void pauseAll(List<WorkerPool> pools) {
        for (WorkerPool pool : pools) {
            pool.queues().forEach(pool::pause);
        }
    }

    private static void poolRow(String what, double rate, double ratio, String spread, String target) {
        System.out.printf(Locale.ROOT, "| %-27s | %,6.0f jobs/s | %16.2f | %25s | %-16s |%n", what, rate, ratio,
                spread, target);
    }

    /** Wake latency through the change watcher, and what an idle watcher costs. */
    private void wakeups() throws Exception {
        Path file = dir.resolve("wake.db");
        try (JdbiHonker honker = Honkers.open(file)) {
            WakeProbe.SameJvm busy = WakeProbe.sameJvm(honker, 500, 2);
            WakeProbe.Percentiles xBusy = WakeProbe.crossProcess(honker, file, 500, 20, 2);
            WakeProbe.Percentiles xIdle = WakeProbe.crossProcess(honker, file, 10, 1, 1200);
            double idleCpu = WakeProbe.idleWatcherCpuPercent(honker, file, Duration.ofSeconds(10));
            System.out.println();
            System.out.println("Wake latency: notify() called in one thread or process -> recv() returns in another"
                    + " (includes the notify transaction);");
            System.out.println("'commit' is notify() returning in the sender, its transaction committed.");
            System.out.println();
            System.out.println("| wake path                                        | samples |     p50 |     p90 |     p99 | target                       |");
            System.out.println("|--------------------------------------------------|---------|---------|---------|---------|------------------------------|");
            Target p50Commit = Target.atMost(50, "%.0f us");
            Target p50Local = Target.atMost(150, "%.0f us");
            Target p50Cross = Target.atMost(300, "%.0f us");
            Target p99Cross = Target.atMost(1000, "%.0f us");
            latencyRow("same JVM, commit -> recv, every 2 ms", busy.fromCommit(),
                    "p50 " + targetCell("same JVM commit -> recv p50", busy.fromCommit().p50(), p50Commit));
            latencyRow("same JVM, notify() -> recv, every 2 ms", busy.fromStart(),
                    "p50 " + targetCell("same JVM notify() -> recv p50", busy.fromStart().p50(), p50Local));
            latencyRow("cross process, notify() -> recv, every 2 ms", xBusy,
                    "p50 " + targetCell("cross process p50", xBusy.p50(), p50Cross) + ", p99 "
                    + targetCell("cross process p99", xBusy.p99(), p99Cross));
            latencyRow("cross process, every 1.2 s (idle)", xIdle, "");
            System.out.println();
            System.out.printf(Locale.ROOT, "Idle watcher CPU (one listener, no traffic, 10 s): %.2f%% of one core%n", idleCpu);
        }
    }

    private static void latencyRow(String what, WakeProbe.Percentiles p, String target) {
        System.out.printf(Locale.ROOT, "| %-48s | %7d | %.2f ms | %.2f ms | %.2f ms | %-28s |%n", what, p.samples(),
                p.p50() / 1e3, p.p90() / 1e3, p.p99() / 1e3, target);
    }

    /**
     * Prints a Markdown table: the first column left-aligned, the others right-aligned, each as wide as its
     * widest cell.
     */
    static void printTable(PrintStream out, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        List<String[]> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (String[] r : all) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        for (int i = 0; i < all.size(); i++) {
            String[] r = all.get(i);
            StringBuilder line = new StringBuilder("| ");
            for (int c = 0; c < r.length; c++) {
                line.append(String.format(c == 0 ? "%-" + width[c] + "s" : "%" + width[c] + "s", r[c])).append(" | ");
            }
            out.println(line.toString().stripTrailing());
            if (i == 0) {
                StringBuilder sep = new StringBuilder("|");
                for (int w : width) {
                    sep.append("-".repeat(w + 2)).append("|");
                }
                out.println(sep);
            }
        }
    }

    private void print() {
        printTable(System.out, new String[] {"operation", "honker-jdbi", "raw sqlite-jdbc", "ratio",
            "rounds min / median / max", "target"}, rows);
        System.out.println();
        System.out.println("ratio = honker-jdbi / raw (rates), raw / honker-jdbi (costs): 1.00 means no overhead.");
        System.out.println("raw sqlite-jdbc runs honker's own .sql files from reused prepared statements"
                + " on one connection.");
        System.out.println("The JVM is warmed up first (" + JVM_WARMUP_NANOS / 1_000_000_000 + " s of honker's"
                + " enqueue and claim+ack paths), then for each row both sides are warmed up for "
                + WARMUP_NANOS / 1_000_000 + " ms");
        System.out.println("and alternate " + ROUNDS + " rounds of " + ROUND_NANOS / 1_000_000 + " ms on the same"
                + " file; each rate is its side's median round, the ratio is the median of the rounds' ratios,");
        System.out.println("with the lowest and highest round beside it to show the noise.");
    }
}
