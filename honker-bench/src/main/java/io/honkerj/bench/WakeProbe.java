package io.honkerj.bench;

import io.honkerj.api.Listener;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.watch.ChangeWatcher;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wake latency: how long from the start of {@code notify()} in one thread or process to {@code recv()}
 * returning in another, through the change watcher. The sender puts its {@code System.nanoTime()} in the
 * payload; on Linux that clock is system-wide, so the receiver's clock compares directly across processes.
 * As a child JVM ({@code main}): {@code <db> <samples> <gap-ms>} warms up with 5,000 untimed notifications,
 * then sends that many on channel "latency", one every gap.
 */
public final class WakeProbe {
    static final int WARMUP_NOTIFICATIONS = 3000;

    private WakeProbe() {}

    /** Latency percentiles in microseconds. */
    record Percentiles(int samples, double p50, double p90, double p99) {}

    static Percentiles percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99));
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    /**
     * Same-JVM wake latencies.
     *
     * @param fromStart from the start of {@code notify()} to {@code recv()} returning
     * @param fromCommit from {@code notify()} returning (its transaction committed) to {@code recv()} returning;
     *     negative when the receiver returned first
     */
    record SameJvm(Percentiles fromStart, Percentiles fromCommit) {}

    /**
     * Same JVM: a sender thread notifies every {@code gapMillis}; this thread receives. Both paths are first
     * warmed up with {@value #WARMUP_NOTIFICATIONS} untimed notifications sent back to back.
     */
    static SameJvm sameJvm(JdbiHonker honker, int samples, long gapMillis) throws Exception {
        try (Listener warm = honker.listen("latency-warmup")) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < WARMUP_NOTIFICATIONS; i++) {
                    honker.notify("latency-warmup", i);
                }
            }, "wake-warmup");
            sender.start();
            for (int i = 0; i < WARMUP_NOTIFICATIONS; i++) {
                warm.recv(Duration.ofSeconds(30)).orElseThrow();
            }
            sender.join();
        }
        int skip = 20;
        int total = samples + skip;
        long[] returned = new long[total];
        long[] received = new long[total];
        long[] started = new long[total];
        try (Listener listener = honker.listen("latency-local")) {
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        Thread.sleep(gapMillis);
                        honker.notify("latency-local", System.nanoTime());
                        returned[i] = System.nanoTime();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "wake-sender");
            sender.start();
            for (int i = 0; i < total; i++) {
                Notification n = listener.recv(Duration.ofSeconds(30)).orElseThrow();
                received[i] = System.nanoTime();
                started[i] = Long.parseLong(n.payload());
            }
            sender.join(); // happens-before: returned[] is complete
        }
        List<Long> fromStart = new ArrayList<>();
        List<Long> fromCommit = new ArrayList<>();
        for (int i = skip; i < total; i++) {
            fromStart.add(received[i] - started[i]);
            fromCommit.add(received[i] - returned[i]);
        }
        return new SameJvm(percentiles(fromStart), percentiles(fromCommit));
    }

    /** Cross process: a child JVM notifies every {@code gapMillis}; this JVM receives; the first {@code skip} don't count. */
    static Percentiles crossProcess(JdbiHonker honker, Path db, int samples, int skip, long gapMillis)
            throws Exception {
        List<Long> latencies = new ArrayList<>();
        try (Listener listener = honker.listen("latency")) {
            Process child = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), WakeProbe.class.getName(),
                    db.toString(), Integer.toString(samples + skip), Long.toString(gapMillis))
                    .redirectErrorStream(true).redirectOutput(new File(db + ".child.log")).start();
            for (int i = 0; i < samples + skip; i++) {
                Notification n = listener.recv(Duration.ofSeconds(120)).orElseThrow();
                long latency = System.nanoTime() - Long.parseLong(n.payload());
                if (i >= skip) {
                    latencies.add(latency);
                }
            }
            if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                throw new IllegalStateException("latency child failed, see " + db + ".child.log");
            }
        }
        return percentiles(latencies);
    }

    /** CPU the watcher thread of a file with one idle listener uses over {@code window}, in % of a core. */
    static double idleWatcherCpuPercent(JdbiHonker honker, Path db, Duration window) throws InterruptedException {
        try (Listener idle = honker.listen("nobody-sends-here");
                ChangeWatcher.Ref ref = ChangeWatcher.acquire(db)) {
            Thread.sleep(1500); // past the watcher's warm window after earlier traffic
            long cpu0 = ref.watcher().cpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(window.toMillis());
            long cpu = ref.watcher().cpuNanos() - cpu0;
            return 100.0 * cpu / (System.nanoTime() - t0);
        }
    }

    private static void send(JdbiHonker honker, String channel, int count, long gapMillis) {
        try {
            for (int i = 0; i < count; i++) {
                Thread.sleep(gapMillis);
                honker.notify(channel, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The child side of {@link #crossProcess}.
     *
     * @param args database file, notification count, gap in milliseconds
     * @throws Exception if sending fails
     */
    public static void main(String[] args) throws Exception {
        try (JdbiHonker honker = Honkers.open(Path.of(args[0]))) {
            // Warm this JVM's JIT first, so a cold sender is not counted as wake latency.
            for (int i = 0; i < 5000; i++) {
                honker.notify("latency-warmup", i);
            }
            Thread.sleep(300);
            send(honker, "latency", Integer.parseInt(args[1]), Long.parseLong(args[2]));
        }
    }
}
