package io.honkerj.bench;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The main job: a short fixed workload on a temporary SQLite file that prints, for each operation,
 * honker-jdbi's rate beside a raw sqlite-jdbc baseline running the same SQL in the same run, and their
 * ratio. Runs in about a minute; JMH ({@code benchmarks.jar}) gives the careful numbers.
 */
public final class QuickReport {
    private static final long WARMUP_NANOS = 700_000_000L;
    private static final long MEASURE_NANOS = 1_500_000_000L;

    private final Path dir;
    private final List<String[]> rows = new ArrayList<>();

    private QuickReport(Path dir) {
        this.dir = dir;
    }

    /**
     * Runs the report.
     *
     * @param args ignored
     * @throws Exception if a workload fails
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("honker-quick-report");
        long start = System.nanoTime();
        try {
            QuickReport report = new QuickReport(dir);
            System.out.printf(Locale.ROOT, "honker-jdbi quick report: embedded SQLite (WAL, synchronous=NORMAL) in %s,"
                    + " %d cores, Java %s%n%n", dir, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            report.enqueue();
            report.claimAck();
            report.backlog();
            report.print();
            System.out.printf(Locale.ROOT, "%nTotal time: %.1f s%n", (System.nanoTime() - start) / 1e9);
        } finally {
            deleteRecursively(dir);
        }
    }

    @FunctionalInterface
    interface Step {
        /** Does one unit of work and returns how many jobs it handled. */
        int run() throws Exception;
    }

    /** Warms up, then counts jobs for a fixed time. {@code refill} runs untimed when asked. */
    private static Measured time(Step step, Step refill) throws Exception {
        long warmEnd = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < warmEnd) {
            if (step.run() == 0) {
                refill.run();
            }
        }
        long units = 0;
        long measured = 0;
        while (measured < MEASURE_NANOS) {
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

    private void row(String what, Measured honker, Measured raw, String unit) {
        rows.add(new String[] {
            what,
            String.format(Locale.ROOT, "%,.0f %s", honker.perSecond(), unit),
            String.format(Locale.ROOT, "%,.0f %s", raw.perSecond(), unit),
            String.format(Locale.ROOT, "%.2f", honker.perSecond() / raw.perSecond())});
    }

    private void enqueue() throws Exception {
        try (JdbiHonker honker = Honkers.open(dir.resolve("enqueue.db"));
                RawQueue raw = new RawQueue(dir.resolve("enqueue.db"), "raw")) {
            Queue queue = honker.queue("honker");
            Measured h1 = time(() -> {
                Workloads.enqueueOne(queue);
                return 1;
            }, () -> 0);
            Measured r1 = time(() -> {
                Workloads.enqueueOne(raw);
                return 1;
            }, () -> 0);
            row("enqueue, 1 job per transaction", h1, r1, "jobs/s");
            List<Object> hundred = Workloads.payloads(100);
            Measured h100 = time(() -> {
                Workloads.enqueueMany(queue, hundred);
                return 100;
            }, () -> 0);
            Measured r100 = time(() -> {
                Workloads.enqueueMany(raw, 100);
                return 100;
            }, () -> 0);
            row("enqueue, 100 jobs per transaction", h100, r100, "jobs/s");
        }
    }

    private void claimAck() throws Exception {
        for (int batch : new int[] {1, 32, 128}) {
            Path file = dir.resolve("claim-" + batch + ".db");
            try (JdbiHonker honker = Honkers.open(file);
                    RawQueue raw = new RawQueue(file, "raw")) {
                Queue queue = honker.queue("honker");
                Queue rawFiller = honker.queue("raw");
                Measured h = time(() -> Workloads.claimAndAck(queue, "w", batch), () -> {
                    Workloads.fill(queue, 20_000);
                    return 0;
                });
                Measured r = time(() -> Workloads.claimAndAck(raw, "w", batch), () -> {
                    Workloads.fill(rawFiller, 20_000);
                    return 0;
                });
                row("claim+ack, batch " + batch, h, r, "jobs/s");
            }
        }
    }

    /** Claim+ack (batch 1) cost with 1k and 100k jobs waiting: it must not grow with the backlog. */
    private void backlog() throws Exception {
        Measured[] honker = new Measured[2];
        Measured[] raw = new Measured[2];
        int[] backlogs = {1_000, 100_000};
        for (int i = 0; i < 2; i++) {
            Path file = dir.resolve("backlog-" + backlogs[i] + ".db");
            try (JdbiHonker h = Honkers.open(file);
                    RawQueue r = new RawQueue(file, "raw")) {
                Queue queue = h.queue("honker");
                Queue rawFiller = h.queue("raw");
                int backlog = backlogs[i];
                honker[i] = timeAtBacklog(queue, backlog, () -> Workloads.claimAndAck(queue, "w", 1));
                raw[i] = timeAtBacklog(rawFiller, backlog, () -> Workloads.claimAndAck(r, "w", 1));
            }
        }
        for (int i = 0; i < 2; i++) {
            rows.add(new String[] {
                String.format(Locale.ROOT, "claim+ack cost, backlog %,d", backlogs[i]),
                String.format(Locale.ROOT, "%.1f us/job", honker[i].microsPerUnit()),
                String.format(Locale.ROOT, "%.1f us/job", raw[i].microsPerUnit()),
                String.format(Locale.ROOT, "%.2f", raw[i].microsPerUnit() / honker[i].microsPerUnit())});
        }
        rows.add(new String[] {
            "claim+ack cost growth, 100k vs 1k backlog",
            String.format(Locale.ROOT, "%.2fx", honker[1].microsPerUnit() / honker[0].microsPerUnit()),
            String.format(Locale.ROOT, "%.2fx", raw[1].microsPerUnit() / raw[0].microsPerUnit()),
            ""});
    }

    /** Keeps the backlog between {@code backlog} and {@code backlog + 500} while timing claim+ack. */
    private static Measured timeAtBacklog(Queue filler, int backlog, Step step) throws Exception {
        Workloads.fill(filler, backlog);
        int[] sinceRefill = {0};
        return time(() -> {
            if (sinceRefill[0] >= 500) {
                return 0;
            }
            int done = step.run();
            sinceRefill[0] += done;
            if (done == 0) {
                throw new IllegalStateException("backlog ran dry");
            }
            return done;
        }, () -> {
            Workloads.fill(filler, sinceRefill[0]);
            sinceRefill[0] = 0;
            return 0;
        });
    }

    private void print() {
        String[] header = {"operation", "honker-jdbi", "raw sqlite-jdbc", "ratio"};
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
                String cell = c == 0 ? String.format("%-" + width[c] + "s", r[c])
                        : String.format("%" + width[c] + "s", r[c]);
                line.append(cell).append(" | ");
            }
            System.out.println(line.toString().stripTrailing());
            if (i == 0) {
                StringBuilder sep = new StringBuilder("|");
                for (int w : width) {
                    sep.append("-".repeat(w + 2)).append("|");
                }
                System.out.println(sep);
            }
        }
        System.out.println();
        System.out.println("ratio = honker-jdbi / raw (rates), raw / honker-jdbi (costs): 1.00 means no overhead.");
        System.out.println("raw sqlite-jdbc runs honker's own .sql files from reused prepared statements"
                + " on one connection.");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
