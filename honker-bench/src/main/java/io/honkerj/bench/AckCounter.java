package io.honkerj.bench;

import io.honkerj.api.Job;
import io.honkerj.api.WorkerListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hears a benchmark pool's acks and counts them down to zero. A failure, dead letter or lost claim is an
 * error; a release is not: pausing the pool races with a claim already under way, which then gives its jobs
 * back, and they are claimed and acked again once the pool resumes.
 */
final class AckCounter implements WorkerListener {
    private volatile CountDownLatch left = new CountDownLatch(0);
    private volatile String error;

    /** Arms the counter for the next {@code n} acks. */
    void expect(int n) {
        left = new CountDownLatch(n);
    }

    /** Waits until every expected ack has committed (the listener hears them after the commit). */
    void await() throws InterruptedException {
        if (!left.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(left.getCount() + " jobs not acked after 60 s");
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    @Override
    public void jobSucceeded(Job job, Duration took) {
        left.countDown();
    }

    @Override
    public void jobFailed(Job job, Duration took, Throwable e, Duration retryIn) {
        error = "job failed: " + e;
    }

    @Override
    public void jobDeadLettered(Job job, Duration took, Throwable e) {
        error = "job dead-lettered: " + e;
    }

    @Override
    public void claimLost(Job job) {
        error = "claim lost: " + job;
    }
}
