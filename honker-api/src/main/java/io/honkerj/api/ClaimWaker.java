package io.honkerj.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Blocking claims on one queue: {@link #next(String)} returns as soon as a job is claimable (enqueued,
 * a delayed job come due, a lease run out), woken by the change watcher instead of polling the table.
 * Close it (from any thread) to unblock a waiting worker.
 */
public interface ClaimWaker extends AutoCloseable {

    /**
     * Blocks until a job is claimed for this worker.
     *
     * @param workerId who claims; not blank
     * @return the claimed job
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the waker is (or gets) closed
     */
    Job next(String workerId) throws InterruptedException;

    /**
     * Waits at most {@code timeout} for a job to claim.
     *
     * @param workerId who claims; not blank
     * @param timeout the longest wait
     * @return the claimed job, or empty on timeout
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the waker is (or gets) closed
     */
    Optional<Job> next(String workerId, Duration timeout) throws InterruptedException;

    /**
     * Waits at most {@code timeout} until at least one job is claimable, then claims up to {@code max} in
     * one transaction.
     *
     * @param workerId who claims; not blank
     * @param max the most jobs to claim; at least 1
     * @param timeout the longest wait
     * @return the claimed jobs in claim order, or an empty list on timeout
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the waker is (or gets) closed
     */
    List<Job> nextBatch(String workerId, int max, Duration timeout) throws InterruptedException;

    /** Stops waiting; idempotent. */
    @Override
    void close();
}
