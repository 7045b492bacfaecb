package io.honkerj.bench;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Honker;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workloads the quick report times, each written twice: through honker's api, and through
 * {@link RawQueue} (the same SQL on raw sqlite-jdbc). JMH benchmarks call the same methods.
 */
final class Workloads {
    /** Sorted, so its JSON text is the same in every JVM (Map.of iteration order is not). */
    static final Map<String, Object> PAYLOAD =
            Collections.unmodifiableMap(new TreeMap<>(Map.of("to", "user@example.com", "template", "welcome")));
    static final String PAYLOAD_JSON = "{\"template\":\"welcome\",\"to\":\"user@example.com\"}";
    static final int LEASE_SECONDS = 300;

    private Workloads() {}

    static void enqueueOne(Queue queue) {
        queue.enqueue(PAYLOAD);
    }

    static void enqueueOne(RawQueue raw) throws SQLException {
        raw.enqueue(PAYLOAD_JSON, 1);
    }

    static void enqueueMany(Queue queue, List<Object> payloads) {
        queue.enqueueAll(payloads, EnqueueOptions.defaults());
    }

    static void enqueueMany(RawQueue raw, int count) throws SQLException {
        raw.enqueue(PAYLOAD_JSON, count);
    }

    static List<Object> payloads(int count) {
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(PAYLOAD);
        }
        return list;
    }

    /** Claims up to n jobs and acks them all (two transactions, as a worker does); returns how many. */
    static int claimAndAck(Queue queue, String workerId, int n) {
        List<Job> jobs = queue.claimBatch(workerId, n);
        if (jobs.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            ids.add(job.id());
        }
        int acked = queue.ackBatch(ids, workerId);
        if (acked != ids.size()) {
            throw new IllegalStateException("acked " + acked + " of " + ids.size());
        }
        return acked;
    }

    static int claimAndAck(RawQueue raw, String workerId, int n) throws SQLException {
        return raw.claimAndAck(workerId, n, LEASE_SECONDS);
    }

    /**
     * Starts a pool working {@code queue} with a handler that does nothing (the payload is still decoded, to
     * a Map, as for any handler).
     */
    static WorkerPool startNoOpPool(Honker honker, String queue, int concurrency, int claimBatch,
            WorkerListener listener) {
        return honker.workers()
                .workerIdPrefix("bench-" + concurrency)
                .handle(queue, Map.class,
                        WorkerOptions.defaults().withConcurrency(concurrency).withClaimBatch(claimBatch),
                        (payload, job) -> null)
                .listener(listener)
                .start();
    }

    /** Claims and acks up to {@code batch} at a time, on this thread, until {@code backlog} jobs are done. */
    static void drain(Queue queue, int backlog, int batch) {
        int done = 0;
        while (done < backlog) {
            int n = claimAndAck(queue, "w", batch);
            if (n == 0) {
                throw new IllegalStateException("backlog ran dry after " + done + " jobs");
            }
            done += n;
        }
    }

    /** Fills a queue with {@code count} due jobs, 1,000 per transaction. */
    static void fill(Queue queue, int count) {
        List<Object> chunk = payloads(1000);
        for (int left = count; left > 0; left -= 1000) {
            queue.enqueueAll(left >= 1000 ? chunk : payloads(left), EnqueueOptions.defaults());
        }
    }
}
