package io.honkerj.jdbi.queue;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.watch.ChangeWaiter;
import java.time.Duration;
import java.time.Instant;
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw closedException();
            }
            Optional<Job> job = queue.claimOne(workerId);
            if (job.isPresent()) {
                return job;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
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
