package io.honkerj.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The quick report's "your own Jdbi" section: the same operations on (a) {@code Honkers.open}, (b) an app
 * Jdbi on a HikariCP pool with {@code HonkerPlugin}, (c) a plain {@code Jdbi.create(url)} with
 * {@code HonkerPlugin}, each on its own file, in one run; each rate as a ratio to (a).
 *
 * <ul>
 *   <li>enqueue, 1 job per transaction, attached to the caller's transaction: (a)
 *       {@code honker.inTransaction((h, tx) -> tx.queue(..).enqueue(..))}; (b) {@code jdbi.useTransaction(h ->
 *       JdbiHonker.attach(h).queue(..).enqueue(..))}, a handle borrowed from the pool per transaction; (c) the
 *       same on one handle the caller keeps open ({@code handle.useTransaction(...)}), and, for the cost of not
 *       keeping one, on a new handle (a new connection) per transaction;</li>
 *   <li>claim+ack, batch 1: honker's own operations, {@code queue.claimBatch} then {@code ackBatch};</li>
 *   <li>wake latency: notify() start to recv() return, from another thread of this JVM and from a child JVM,
 *       one notification every 2 ms, received by the honker's listener.</li>
 * </ul>
 */
final class OwnJdbiSection {
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final long ROUND_NANOS = 400_000_000L;
    private static final int ROUNDS = 3;
    private static final double RATE_TARGET = 0.8;
    private static final double WAKE_TARGET = 1.5;
    private static final QuickReport.Step NO_REFILL = () -> 0;

    private final Path dir;
    private final Verdict verdict;

    OwnJdbiSection(Path dir, Verdict verdict) {
        this.dir = dir;
        this.verdict = verdict;
    }

    /** One setup: its honker, and how the caller enqueues in its own transaction there. */
    private record Setup(String name, JdbiHonker honker, Path file, QuickReport.Step enqueueInTx,
            AutoCloseable resources) {}

    void run() throws Exception {
        List<Setup> setups = new ArrayList<>();
        try {
            setups.add(own());
            setups.add(hikari());
            setups.add(plainUrl());
            QuickReport.Step plainPerTx = plainUrlNewHandlePerTransaction(setups.get(2));
            List<QuickReport.Step> noRefill = List.of(NO_REFILL, NO_REFILL, NO_REFILL);
            Rate[] enqueue = rates(setups.stream().map(Setup::enqueueInTx).toList(), noRefill);
            Rate perTx = rates(List.of(plainPerTx), List.of(NO_REFILL))[0];
            List<QuickReport.Step> claims = new ArrayList<>();
            List<QuickReport.Step> refills = new ArrayList<>();
            for (Setup s : setups) {
                Queue q = s.honker().queue("claims");
                claims.add(() -> Workloads.claimAndAck(q, "w", 1));
                refills.add(() -> {
                    Workloads.fill(q, 20_000);
                    return 0;
                });
            }
            Rate[] claim = rates(claims, refills);
            WakeProbe.Percentiles[] wake = new WakeProbe.Percentiles[setups.size()];
            WakeProbe.Percentiles[] local = new WakeProbe.Percentiles[setups.size()];
            for (int i = 0; i < setups.size(); i++) {
                local[i] = WakeProbe.sameJvm(setups.get(i).honker(), 300, 2).fromStart();
                wake[i] = WakeProbe.crossProcess(setups.get(i).honker(), setups.get(i).file(), 300, 20, 2);
            }
            print(enqueue, perTx, claim, local, wake);
            check("enqueue 1/tx", enqueue);
            check("claim+ack batch 1", claim);
            for (int i = 1; i < 3; i++) {
                verdict.check("own Jdbi " + LABELS[i] + " cross-process wake p50 vs (a)",
                        wake[i].p50() / wake[0].p50(), Target.atMost(WAKE_TARGET, "%.2f"));
            }
        } finally {
            for (Setup s : setups) {
                s.honker().close();
                s.resources().close();
            }
        }
    }

    private Setup own() {
        Path file = dir.resolve("own-a.db");
        JdbiHonker honker = Honkers.open(file);
        return new Setup("(a) Honkers.open", honker, file, () -> {
            honker.inTransaction((h, tx) -> tx.queue("q").enqueue(Workloads.PAYLOAD));
            return 1;
        }, () -> {});
    }

    private Setup hikari() {
        Path file = dir.resolve("own-b.db");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + file);
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("bench-app");
        HikariDataSource pool = new HikariDataSource(cfg);
        Jdbi jdbi = Jdbi.create(pool).installPlugin(new HonkerPlugin());
        JdbiHonker honker = JdbiHonker.create(jdbi);
        return new Setup("(b) app Jdbi on HikariCP", honker, file, () -> {
            jdbi.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue(Workloads.PAYLOAD));
            return 1;
        }, pool);
    }

    private Setup plainUrl() {
        Path file = dir.resolve("own-c.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        JdbiHonker honker = JdbiHonker.create(jdbi);
        Handle callers = jdbi.open();
        return new Setup("(c) plain Jdbi.create(url)", honker, file, () -> {
            callers.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue(Workloads.PAYLOAD));
            return 1;
        }, callers);
    }

    private static QuickReport.Step plainUrlNewHandlePerTransaction(Setup plain) {
        Jdbi jdbi = plain.honker().jdbi();
        return () -> {
            jdbi.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue(Workloads.PAYLOAD));
            return 1;
        };
    }

    /** A step's rates: jobs per second of wall time and per second of the measuring thread's CPU time. */
    private record Rate(double wall, double cpu) {}

    /**
     * Warms every step up, then alternates rounds among them; returns each one's median rates. The CPU rate
     * counts the calling thread's CPU time only (where all of this work runs), so it holds steady on a
     * machine shared with other work, where wall time does not.
     */
    private static Rate[] rates(List<QuickReport.Step> steps, List<QuickReport.Step> refills) throws Exception {
        List<List<Rate>> rounds = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            measure(steps.get(i), refills.get(i), WARMUP_NANOS);
            rounds.add(new ArrayList<>());
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < steps.size(); i++) {
                rounds.get(i).add(measure(steps.get(i), refills.get(i), ROUND_NANOS));
            }
        }
        Rate[] rates = new Rate[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            List<Rate> list = rounds.get(i);
            rates[i] = new Rate(list.stream().mapToDouble(Rate::wall).sorted().toArray()[list.size() / 2],
                    list.stream().mapToDouble(Rate::cpu).sorted().toArray()[list.size() / 2]);
        }
        return rates;
    }

    private static Rate measure(QuickReport.Step step, QuickReport.Step refill, long nanos) throws Exception {
        Measured[] m = QuickReport.runWithCpu(step, refill, nanos);
        return new Rate(m[0].perSecond(), m[1].perSecond());
    }

    private static final String[] LABELS = {"(a)", "(b) HikariCP", "(c) plain URL"};

    /** Registers (b) and (c) of a rate row (wall clock, as every other row of the report) against (a). */
    private void check(String row, Rate[] rates) {
        for (int i = 1; i < 3; i++) {
            verdict.check("own Jdbi " + LABELS[i] + " " + row + " vs (a)", rates[i].wall() / rates[0].wall(),
                    Target.atLeast(RATE_TARGET));
        }
    }

    private static void print(Rate[] enqueue, Rate perTx, Rate[] claim, WakeProbe.Percentiles[] local,
            WakeProbe.Percentiles[] wake) {
        System.out.println();
        System.out.println("Your own Jdbi: the same work on (a) Honkers.open, (b) an app Jdbi on HikariCP with"
                + " HonkerPlugin, (c) a plain Jdbi.create(url) with HonkerPlugin; ratio = rate / rate of (a).");
        System.out.println();
        System.out.println("| operation                                   | (a) Honkers.open | (b) HikariCP     | ratio"
                + " | (c) plain URL    | ratio | target |");
        System.out.println("|---------------------------------------------|------------------|------------------|------"
                + "-|------------------|-------|--------|");
        rateRow("enqueue, 1/tx in the caller's transaction", enqueue, Rate::wall, "jobs/s");
        rateRow("  same, per CPU second of the caller thread", enqueue, Rate::cpu, "jobs/s");
        rateRow("claim+ack, batch 1", claim, Rate::wall, "jobs/s");
        rateRow("  same, per CPU second of the caller thread", claim, Rate::cpu, "jobs/s");
        System.out.printf(Locale.ROOT, "| %-43s | %16s | %16s | %5s | %,9.0f jobs/s | %5.2f | %6s |%n",
                "(c) with a new handle per transaction", "", "", "", perTx.wall(), perTx.wall() / enqueue[0].wall(),
                "");
        System.out.printf(Locale.ROOT, "| %-43s | %13.2f ms | %13.2f ms | %5.2f | %13.2f ms | %5.2f | %6s |%n",
                "same-JVM notify -> recv p50 (x of (a))", local[0].p50() / 1e3, local[1].p50() / 1e3,
                local[1].p50() / local[0].p50(), local[2].p50() / 1e3, local[2].p50() / local[0].p50(), "");
        System.out.printf(Locale.ROOT, "| %-43s | %13.2f ms | %13.2f ms | %5.2f | %13.2f ms | %5.2f | %6s |%n",
                "cross-process wake p50 (x of (a))", wake[0].p50() / 1e3, wake[1].p50() / 1e3,
                wake[1].p50() / wake[0].p50(), wake[2].p50() / 1e3, wake[2].p50() / wake[0].p50(),
                "<= " + WAKE_TARGET);
        System.out.printf(Locale.ROOT, "| %-43s | %13.2f ms | %13.2f ms | %5.2f | %13.2f ms | %5.2f | %6s |%n",
                "cross-process wake p99", wake[0].p99() / 1e3, wake[1].p99() / 1e3,
                wake[1].p99() / wake[0].p99(), wake[2].p99() / 1e3, wake[2].p99() / wake[0].p99(), "");
        System.out.println();
        System.out.println("(b) borrows a pooled handle per transaction (jdbi.useTransaction); (c) runs its"
                + " transactions on one handle it keeps open.");
        System.out.println("(c) with a new handle per transaction: jdbi.useTransaction on a plain URL opens a SQLite"
                + " connection each time; keep a handle, or use a pool.");
    }

    private static void rateRow(String what, Rate[] r, ToDoubleFunction<Rate> f, String unit) {
        System.out.printf(Locale.ROOT, "| %-43s | %,9.0f %s | %,9.0f %s | %5.2f | %,9.0f %s | %5.2f | %6s |%n",
                what, f.applyAsDouble(r[0]), unit, f.applyAsDouble(r[1]), unit,
                f.applyAsDouble(r[1]) / f.applyAsDouble(r[0]), f.applyAsDouble(r[2]), unit,
                f.applyAsDouble(r[2]) / f.applyAsDouble(r[0]), ">= " + RATE_TARGET);
    }
}
