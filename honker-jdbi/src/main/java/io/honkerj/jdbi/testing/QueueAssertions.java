package io.honkerj.jdbi.testing;

import io.honkerj.api.JobInfo;
import io.honkerj.api.PayloadCodec;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.queue.JdbiQueue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Assertions on what your code enqueued, in the spirit of {@code Oban.Testing}'s {@code assert_enqueued}:
 * payloads are compared as JSON values (key order and number formatting aside), so pass the same object
 * your code enqueues, or a {@code Map} of the same shape. Failures throw {@link AssertionError} listing
 * what the queue holds.
 */
public final class QueueAssertions {
    private static final int LIMIT = 10_000;

    private QueueAssertions() {}

    /**
     * Lists the queue's live jobs (pending and running), in claim order.
     *
     * @param queue a queue of a honker-jdbi honker
     * @return its jobs
     */
    public static List<JobInfo> enqueued(Queue queue) {
        return jdbi(queue).liveJobs(LIMIT);
    }

    /**
     * Asserts a live job of the queue has this payload.
     *
     * @param queue the queue
     * @param payload what your code enqueued, encoded by the honker's codec for the comparison
     * @return the first such job (its options: priority, run_at, attempts...)
     * @throws AssertionError if there is none
     */
    public static JobInfo assertEnqueued(Queue queue, Object payload) {
        return find(queue, payload).orElseThrow(() -> new AssertionError("expected a job with payload "
                + codec(queue).encode(payload) + " in queue '" + queue.name() + "', found " + describe(queue)));
    }

    /**
     * Asserts no live job of the queue has this payload.
     *
     * @param queue the queue
     * @param payload the payload that must not be enqueued
     * @throws AssertionError if one is
     */
    public static void refuteEnqueued(Queue queue, Object payload) {
        find(queue, payload).ifPresent(job -> {
            throw new AssertionError("expected no job with payload " + job.payload() + " in queue '"
                    + queue.name() + "', found job " + job.id());
        });
    }

    /**
     * Asserts how many live jobs the queue holds.
     *
     * @param queue the queue
     * @param expected the count
     * @throws AssertionError if it differs
     */
    public static void assertEnqueuedCount(Queue queue, int expected) {
        List<JobInfo> jobs = enqueued(queue);
        if (jobs.size() != expected) {
            throw new AssertionError("expected " + expected + " jobs in queue '" + queue.name() + "', found "
                    + describe(queue));
        }
    }

    private static Optional<JobInfo> find(Queue queue, Object payload) {
        PayloadCodec codec = codec(queue);
        Object wanted = codec.decode(codec.encode(payload), Object.class);
        return enqueued(queue).stream()
                .filter(job -> Objects.equals(wanted, codec.decode(job.payload(), Object.class)))
                .findFirst();
    }

    private static String describe(Queue queue) {
        List<JobInfo> jobs = enqueued(queue);
        if (jobs.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder(jobs.size() + ":");
        for (JobInfo job : jobs.subList(0, Math.min(20, jobs.size()))) {
            text.append("\n  ").append(job.id()).append(' ').append(job.state()).append(' ').append(job.payload());
        }
        if (jobs.size() > 20) {
            text.append("\n  ...");
        }
        return text.toString();
    }

    private static JdbiQueue jdbi(Queue queue) {
        if (queue instanceof JdbiQueue q) {
            return q;
        }
        throw new IllegalArgumentException("QueueAssertions needs a queue of a honker-jdbi honker, got " + queue);
    }

    private static PayloadCodec codec(Queue queue) {
        return jdbi(queue).codec();
    }
}
