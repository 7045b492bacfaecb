package io.honkerj.bench;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.JdbiHonker;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sending process of the PostgreSQL section's cross-process wake rows: enqueues jobs whose payload is
 * {@code {"sent": System.nanoTime()}} (on Linux a system-wide clock, so the receiving JVM compares it with
 * its own), one every gap, through honker ({@code queue.enqueue}) or through {@link RawPgQueue} (the same
 * {@code enqueue.sql}, which sends the wake-up in the enqueue's transaction). Before that it warms its JIT with
 * untimed enqueues on another queue.
 *
 * <p>Arguments: {@code <jdbc-url> <honker|raw> <queue> <count> <gap-ms> <warm-up enqueues>}.
 */
public final class PgWakeChild {
    private PgWakeChild() {}

    /** The payload the receiver reads the sending time from. */
    static String payload(long sentNanos) {
        return "{\"sent\":" + sentNanos + "}";
    }

    /** Reads the sending time back from a payload's JSON text. */
    static long sentNanos(String payloadJson) {
        int colon = payloadJson.indexOf(':');
        int end = payloadJson.indexOf('}', colon);
        return Long.parseLong(payloadJson.substring(colon + 1, end).trim());
    }

    /**
     * Sends the jobs.
     *
     * @param args JDBC URL, {@code honker} or {@code raw}, queue, job count, gap in milliseconds, warm-up count
     * @throws Exception if an enqueue fails
     */
    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        String queueName = args[2];
        int count = Integer.parseInt(args[3]);
        long gapMillis = Long.parseLong(args[4]);
        int warmups = Integer.parseInt(args[5]);
        if (args[1].equals("honker")) {
            try (JdbiHonker honker = JdbiHonker.create(Jdbi.create(ds))) {
                Queue warm = honker.queue(queueName + "-warmup");
                for (int i = 0; i < warmups; i++) {
                    warm.enqueue(Map.of("sent", 0L));
                }
                Thread.sleep(300);
                Queue queue = honker.queue(queueName);
                for (int i = 0; i < count; i++) {
                    Thread.sleep(gapMillis);
                    queue.enqueue(Map.of("sent", System.nanoTime()));
                }
            }
        } else {
            try (RawPgQueue warm = new RawPgQueue(ds, queueName + "-warmup");
                    RawPgQueue queue = new RawPgQueue(ds, queueName)) {
                for (int i = 0; i < warmups; i++) {
                    warm.enqueue(payload(0));
                }
                Thread.sleep(300);
                for (int i = 0; i < count; i++) {
                    Thread.sleep(gapMillis);
                    queue.enqueue(payload(System.nanoTime()));
                }
            }
        }
    }
}
