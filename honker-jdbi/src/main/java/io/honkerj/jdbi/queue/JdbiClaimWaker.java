package io.honkerj.jdbi.queue;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.watch.ChangeWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Blocking claims: subscribe to changes first, then claim; if nothing is claimable, wait for a change, for
 * the next moment a claim could succeed (a scheduled job or a lease end, from {@code nextClaimAt}), or for
 * the fallback re-check, whichever comes first.
 */
final class JdbiClaimWaker implements ClaimWaker {
    private static final Duration FOREVER = Duration.ofDays(365);
    private final JdbiQueue queue;
    private final Database db;
    private final ChangeWaiter waiter;
    private volatile boolean closed;

    JdbiClaimWaker(JdbiQueue queue, Database db) {
        this.queue = queue;
        this.db = db;
        this.waiter = db.newWaiter();
    }

    @Override
    public Job next(String workerId) throws InterruptedException {
        return next(workerId, FOREVER).orElseThrow(this::closedException);
    }

    @Override
    public Optional<Job> next(String workerId, Duration timeout) throws InterruptedException {
        List<Job> jobs = nextBatch(workerId, 1, timeout);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    @Override
    public List<Job> nextBatch(String workerId, int max, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Args.timeoutNanos("claim waker timeout", timeout);
        Args.requireName("worker id", workerId);
        Args.requirePositive("claim batch size", max);
        boolean first = true;
        while (true) {
            if (closed) {
                throw closedException();
            }
            // After a wake, read first: most commits that wake an idle worker are not about its queue, and a
            // write transaction per wake per idle queue would compete with the writers that matter.
            if (first || queue.claimableNow()) {
                List<Job> jobs = queue.claimBatch(workerId, max);
                if (!jobs.isEmpty()) {
                    return jobs;
                }
            }
            first = false;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            Duration wait = Duration.ofNanos(left);
            Optional<Instant> next = queue.nextClaimAt();
            if (next.isPresent()) {
                Duration untilDue = Duration.between(db.clock().instant(), next.get());
                if (untilDue.compareTo(wait) < 0) {
                    wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
                }
            }
            waiter.awaitAtMost(wait);
        }
    }

    private ListenerClosedException closedException() {
        return new ListenerClosedException("claim waker of queue '" + queue.name() + "'");
    }

    @Override
    public void close() {
        closed = true;
        waiter.close();
    }
}
