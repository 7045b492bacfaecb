package io.honkerj.bench;

import io.honkerj.api.Listener;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
 * Wake latency through the change watcher, as a latency distribution (JMH SampleTime gives p50/p90/p99):
 * <ul>
 *   <li>{@code sameJvm}: notify on a channel, then receive it on a listener of this JVM (the notify
 *       transaction, the wake and the listener's read);</li>
 *   <li>{@code crossProcessRoundTrip}: notify "ping"; a child JVM listening on it notifies "pong"; receive
 *       the pong. One round trip is two cross-process wakes plus two notify transactions.</li>
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WakeLatencyBenchmark {
    private Path dir;
    private JdbiHonker honker;
    private Listener local;
    private Listener pongs;
    private Process echo;

    /** Opens the database, a local listener, and starts the echo child. */
    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = BenchFiles.newDir("honker-jmh-wake");
        Path db = dir.resolve("wake.db");
        honker = Honkers.open(db);
        local = honker.listen("local");
        pongs = honker.listen("pong");
        echo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EchoChild.class.getName(), db.toString())
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "echo.log")).start();
        // A listener sees only what is sent after it starts: ping until the child answers, then drain.
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean answered = false;
        while (!answered && System.nanoTime() < giveUp) {
            honker.notify("ping", "hello");
            answered = pongs.recv(Duration.ofMillis(200)).isPresent();
        }
        if (!answered) {
            throw new IllegalStateException("echo child did not answer, see " + dir.resolve("echo.log"));
        }
        Thread.sleep(500);
        while (pongs.recv(Duration.ZERO).isPresent()) {
            // stray answers to earlier pings
        }
    }

    /** Stops the child and deletes the database. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        echo.destroy();
        echo.waitFor(30, TimeUnit.SECONDS);
        local.close();
        pongs.close();
        honker.close();
        BenchFiles.delete(dir);
    }

    /** Notify, then receive in this JVM. */
    @Benchmark
    public String sameJvm() throws InterruptedException {
        honker.notify("local", "x");
        return local.recv(Duration.ofSeconds(10)).orElseThrow().payload();
    }

    /** Ping a child JVM and receive its pong. */
    @Benchmark
    public String crossProcessRoundTrip() throws InterruptedException {
        honker.notify("ping", "x");
        return pongs.recv(Duration.ofSeconds(10)).orElseThrow().payload();
    }

    /** The echo child: answers every notification on "ping" with one on "pong". */
    public static final class EchoChild {
        private EchoChild() {}

        /**
         * Runs until killed.
         *
         * @param args the database file
         * @throws Exception if the database fails
         */
        public static void main(String[] args) throws Exception {
            try (JdbiHonker honker = Honkers.open(Path.of(args[0])); Listener pings = honker.listen("ping")) {
                while (true) {
                    pings.recv();
                    honker.notify("pong", "y");
                }
            }
        }
    }

    /**
     * Runs this benchmark alone.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(WakeLatencyBenchmark.class.getSimpleName()).build()).run();
    }
}
