package io.honkerj.jdbi.watch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A measuring tool run by hand, not a test: what the change watcher costs idle and how fast it wakes.
 * Prints {@code LockSupport.parkNanos} granularity, the cost of one {@code PRAGMA data_version} read, the
 * watcher thread's idle CPU, and commit-to-wake latency (from just after the commit returns to the
 * waiting thread running again) for a plain and a hooked connection in this JVM and for a child JVM.
 * {@code System.nanoTime()} is CLOCK_MONOTONIC on Linux, so the child's timestamps compare directly.
 *
 * <pre>
 * mvn -B -q -o -pl honker-jdbi -am test-compile
 * java -cp honker-jdbi/target/test-classes:honker-jdbi/target/classes:$(cat cp.txt) \
 *     io.honkerj.jdbi.watch.WatcherProbe [idle-seconds] [samples]
 * </pre>
 * As a child ({@code child <db> <samples> <gap-ms>}) it commits one row per gap and prints
 * {@code <seq> <nanoTime after commit>} per row.
 */
public final class WatcherProbe {
    private WatcherProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            return;
        }
        int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Path dir = Files.createTempDirectory("watcher-probe");
        System.out.printf("cores=%d java=%s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        parkGranularity();
        Path db = create(dir.resolve("probe.db"));
        pollCost(db);
        idleCpu(create(dir.resolve("idle-events.db")), ChangeWatcher.Options.defaults(), idleSeconds,
                "defaults (100 us active, file events when idle)");
        idleCpu(create(dir.resolve("idle-3ms.db")), ChangeWatcher.Options.defaults().withFileEvents(false),
                idleSeconds, "no file events, 3 ms idle poll");
        idleCpu(create(dir.resolve("idle-1ms.db")), new ChangeWatcher.Options(
                Duration.ofMillis(1), Duration.ofMillis(1), false), idleSeconds, "fixed 1 ms (upstream)");
        sameJvm(db, samples, 20, false);
        sameJvm(db, samples, 20, true);
        crossProcess(create(dir.resolve("xp.db")), ChangeWatcher.Options.defaults(), samples, 20);
        crossProcess(create(dir.resolve("xp-idle.db")), ChangeWatcher.Options.defaults(), 12, 1500);
        crossProcess(create(dir.resolve("xp-idle-3ms.db")),
                ChangeWatcher.Options.defaults().withFileEvents(false), 12, 1500);
    }

    private static Path create(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeQuery("PRAGMA journal_mode=WAL").close();
            st.execute("CREATE TABLE probe (seq INTEGER PRIMARY KEY, t INTEGER)");
            st.execute("CREATE TABLE warm (x INTEGER)");
        }
        return db;
    }

    private static void parkGranularity() {
        for (long want : new long[] {1_000, 10_000, 50_000, 100_000, 1_000_000}) {
            int n = want >= 1_000_000 ? 300 : 2000;
            long[] got = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                LockSupport.parkNanos(want);
                got[i] = System.nanoTime() - t0;
            }
            java.util.Arrays.sort(got);
            System.out.printf("parkNanos(%d us): actual p50 %.1f us, p99 %.1f us (n=%d)%n", want / 1000,
                    got[n / 2] / 1e3, got[(int) (n * 0.99)] / 1e3, n);
        }
    }

    private static void pollCost(Path db) throws SQLException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement("PRAGMA data_version")) {
            long sink = 0;
            for (int round = 0; round < 3; round++) {
                int n = 200_000;
                long cpu0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sink += rs.getLong(1);
                    }
                }
                long wall = System.nanoTime() - t0;
                long cpu = mx.getCurrentThreadCpuTime() - cpu0;
                System.out.printf("PRAGMA data_version via reused PreparedStatement, round %d: %.2f us wall, "
                        + "%.2f us CPU per read (n=%d)%n", round, wall / 1e3 / n, cpu / 1e3 / n, n);
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static void idleCpu(Path db, ChangeWatcher.Options options, int seconds, String what)
            throws InterruptedException {
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db, options); ChangeWaiter waiter = ref.newWaiter()) {
            Thread.sleep(1500); // past the warm window
            ChangeWatcher w = ref.watcher();
            long cpu0 = w.cpuNanos();
            long polls0 = w.polls();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - t0;
            System.out.printf("idle watcher, %s: %.3f%% of one core over %d s, %.1f polls/s%n", what,
                    100.0 * (w.cpuNanos() - cpu0) / wall, seconds, (w.polls() - polls0) * 1e9 / wall);
        }
    }

    /** This JVM: a committer thread commits one row every gap; this thread waits on a waiter. */
    private static void sameJvm(Path db, int samples, long gapMillis, boolean hooked) throws Exception {
        int warm = 50;
        long[] committed = new long[samples + warm];
        long[] woken = new long[samples + warm];
        AtomicInteger acked = new AtomicInteger();
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db); ChangeWaiter waiter = ref.newWaiter();
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            if (hooked) {
                ChangeWatcher.installCommitHook(c, db);
            }
            PreparedStatement insert = c.prepareStatement("INSERT INTO warm VALUES (1)");
            Thread committer = new Thread(() -> {
                try {
                    for (int i = 0; i < committed.length; i++) {
                        Thread.sleep(gapMillis);
                        insert.executeUpdate();
                        committed[i] = System.nanoTime();
                        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (acked.get() <= i && System.nanoTime() < giveUp) {
                            LockSupport.parkNanos(100_000);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "probe-committer");
            committer.start();
            for (int i = 0; i < woken.length; i++) {
                if (!waiter.await(Duration.ofSeconds(10))) {
                    throw new IllegalStateException("no wake for commit " + i);
                }
                woken[i] = System.nanoTime();
                acked.set(i + 1);
            }
            committer.join();
        }
        List<Long> lat = new ArrayList<>();
        for (int i = warm; i < woken.length; i++) {
            lat.add(woken[i] - committed[i]);
        }
        print("same JVM, " + (hooked ? "hooked" : "unhooked (data_version only)") + " connection, commit every "
                + gapMillis + " ms", lat);
    }

    /** A child JVM commits one row every gap; this JVM notes when each new row's wake arrived. */
    private static void crossProcess(Path db, ChangeWatcher.Options options, int samples, long gapMillis)
            throws Exception {
        Path log = Path.of(db + ".child.log");
        Map<Long, Long> wokenAt = new HashMap<>();
        try (ChangeWatcher.Ref ref = ChangeWatcher.acquire(db, options); ChangeWaiter waiter = ref.newWaiter();
                Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement max = reader.prepareStatement("SELECT coalesce(max(seq), 0) FROM probe")) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), WatcherProbe.class.getName(), "child",
                    db.toString(), Integer.toString(samples), Long.toString(gapMillis))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long seen = 0;
            while (seen < samples) {
                if (!waiter.await(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("no wake from the child, see " + log);
                }
                long t = System.nanoTime();
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    long m = rs.getLong(1);
                    for (long s = seen + 1; s <= m; s++) {
                        wokenAt.put(s, t);
                    }
                    seen = Math.max(seen, m);
                }
            }
            if (!child.waitFor(60, TimeUnit.SECONDS) || child.exitValue() != 0) {
                throw new IllegalStateException("child failed, see " + log);
            }
        }
        List<Long> lat = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 2 && parts[0].matches("\\d+")) {
                lat.add(wokenAt.get(Long.parseLong(parts[0])) - Long.parseLong(parts[1]));
            }
        }
        print("cross process, " + (options.fileEvents() ? "file events" : "no file events") + ", commit every "
                + gapMillis + " ms", lat);
    }

    private static void child(Path db, int samples, long gapMillis) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement warm = c.prepareStatement("INSERT INTO warm VALUES (1)");
                PreparedStatement insert = c.prepareStatement("INSERT INTO probe (seq, t) VALUES (?, ?)")) {
            for (int i = 0; i < 2000; i++) {
                warm.executeUpdate(); // JIT warm-up; the parent ignores these wakes
            }
            Thread.sleep(Math.max(300, gapMillis));
            StringBuilder out = new StringBuilder();
            for (int i = 1; i <= samples; i++) {
                Thread.sleep(gapMillis);
                insert.setLong(1, i);
                insert.setLong(2, System.nanoTime());
                insert.executeUpdate();
                out.append(i).append(' ').append(System.nanoTime()).append('\n');
            }
            System.out.print(out);
        }
    }

    private static void print(String what, List<Long> nanos) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: n=%d p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n", what, s.length,
                at(s, 0.5), at(s, 0.9), at(s, 0.99), s[s.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
