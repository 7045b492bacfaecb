package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A durable work queue stored in {@code _honker_live} / {@code _honker_dead}, shared with every honker
 * binding that opens the same file.
 *
 * <p>A job is enqueued pending, claimed by a worker for a lease (the visibility timeout), and then acked
 * (deleted), retried (pending again later) or failed (dead-lettered). A claim whose lease runs out can be
 * claimed again by anyone; a job claimed {@code maxAttempts} times without success is dead-lettered.
 * Within a queue, claims take the highest priority first, then the earliest {@code run_at}, then the lowest
 * id.
 *
 * <p>Obtained from a {@link Honker} attached to a caller's transaction, every operation joins that
 * transaction: an enqueue is rolled back with the business write it accompanies.
 */
public interface Queue {

    /** @return the queue name */
    String name();

    /** @return the options of this handle */
    QueueOptions options();

    /**
     * Enqueues a job, due now, with default options.
     *
     * @param payload any value the codec can encode
     * @return the new job id
     */
    long enqueue(Object payload);

    /**
     * Enqueues a job. With a unique key ({@link EnqueueOptions#withUniqueKey(String)}) held by a live job of
     * this queue, enqueues nothing and returns that job's id ({@link #enqueueUnique} says which happened).
     *
     * @param payload any value the codec can encode
     * @param options delay or run-at, priority, attempts, expiry, unique key
     * @return the new job id, or the id of the live job holding the unique key
     */
    long enqueue(Object payload, EnqueueOptions options);

    /**
     * Enqueues a job, or finds the live job already holding the options' unique key
     * ({@link EnqueueOptions#withUniqueKey(String)}), and says which happened. Without a key it always
     * enqueues. The check and the insert are one write transaction, so two callers racing (threads or
     * processes) with the same key get the same job.
     *
     * @param payload any value the codec can encode
     * @param options delay or run-at, priority, attempts, expiry, unique key
     * @return the job's id, and whether this call created it
     */
    Enqueued enqueueUnique(Object payload, EnqueueOptions options);

    /**
     * Enqueues a job whose payload is already JSON text (checked, stored as given).
     *
     * @param json the payload as JSON text
     * @param options delay or run-at, priority, attempts, expiry
     * @return the new job id
     * @throws InvalidPayloadException if {@code json} is not one well-formed JSON value
     */
    long enqueueJson(String json, EnqueueOptions options);

    /**
     * Enqueues many jobs with the same options in one transaction, in one statement.
     *
     * @param payloads the payloads, in order
     * @param options shared by every job; no unique key (a key names one job)
     * @return the new ids, in the order of {@code payloads}
     */
    List<Long> enqueueAll(List<?> payloads, EnqueueOptions options);

    /**
     * Claims the next claimable job for this worker.
     *
     * @param workerId who claims; not blank
     * @return the claimed job, or empty if none is claimable now
     */
    Optional<Job> claimOne(String workerId);

    /**
     * Claims up to {@code n} claimable jobs for this worker in one transaction.
     *
     * @param workerId who claims; not blank
     * @param n the most jobs to claim; at least 1
     * @return the claimed jobs in claim order (priority, run_at, id); empty if none
     */
    List<Job> claimBatch(String workerId, int n);

    /**
     * Returns a blocking claimer for this queue, woken by commits to the database instead of polling.
     *
     * @return the waker; close it when done
     */
    ClaimWaker claimWaker();

    /**
     * Acks a job by id on behalf of a worker (what {@link Job#ack()} does).
     *
     * @param jobId the job
     * @param workerId the claim holder
     * @return true if acked
     */
    boolean ack(long jobId, String workerId);

    /**
     * Acks many jobs of one worker in one statement.
     *
     * @param jobIds the jobs
     * @param workerId the claim holder
     * @return how many were acked (jobs whose claim was lost are not)
     */
    int ackBatch(Collection<Long> jobIds, String workerId);

    /**
     * Retries a job by id on behalf of a worker (what {@link Job#retry(Duration, String)} does).
     *
     * @param jobId the job
     * @param workerId the claim holder
     * @param delay how long until due again; not negative
     * @param error the failure, kept if it dies
     * @return true if rescheduled or dead-lettered
     */
    boolean retry(long jobId, String workerId, Duration delay, String error);

    /**
     * Fails a job by id on behalf of a worker (what {@link Job#fail(String)} does).
     *
     * @param jobId the job
     * @param workerId the claim holder
     * @param error the failure
     * @return true if dead-lettered
     */
    boolean fail(long jobId, String workerId, String error);

    /**
     * Extends a claim by id on behalf of a worker (what {@link Job#heartbeat(Duration)} does).
     *
     * @param jobId the job
     * @param workerId the claim holder
     * @param extendBy the new lease from now; at least one second
     * @return true if extended
     */
    boolean heartbeat(long jobId, String workerId, Duration extendBy);

    /**
     * Gives a claimed job back at once without spending an attempt (what {@link Job#release()} does).
     *
     * @param jobId the job
     * @param workerId the claim holder
     * @return true if it is pending again, false if the claim was lost
     */
    boolean release(long jobId, String workerId);

    /**
     * Deletes a pending or processing job whoever holds it, freeing its unique key. A honker-jdbi
     * {@link WorkerPool} running it notices at its next heartbeat (a third of the lease), interrupts the
     * handler and reports {@link WorkerListener#jobCancelled(Job)}; a worker holding it otherwise finds its
     * ack or heartbeat returning false.
     *
     * @param jobId the job
     * @return true if it was live and is now gone
     */
    boolean cancel(long jobId);

    /**
     * Pauses the queue for every honker-jdbi claimer of this file, in every process, until
     * {@link #resume()}: worker pools, {@link #claimOne}, {@link #claimBatch} and claim wakers take no job
     * of it (jobs already claimed run to their end; enqueues go on). Stored in the file
     * ({@code _honkerj_paused_queues}), so it survives restarts. Upstream's bindings (Python, Node, Rust
     * workers) do not honour it. Idempotent. Joins the caller's transaction on an attached honker.
     */
    void pause();

    /** Resumes a paused queue: claimers waiting on it wake at once. Idempotent. */
    void resume();

    /** @return whether the queue is paused ({@link #pause()}) */
    boolean isPaused();

    /**
     * Reads a live job.
     *
     * @param jobId the job
     * @return its row, or empty if it is not live (done, cancelled, dead or never existed)
     */
    Optional<JobInfo> getJob(long jobId);

    /**
     * Returns the earliest future moment at which a claim could succeed: a scheduled job's {@code run_at}, or
     * one second after a running claim's lease ends.
     *
     * @return that moment, or empty if nothing is scheduled or running
     */
    Optional<Instant> nextClaimAt();

    /**
     * Dead-letters this queue's jobs that can never run: expired ones ({@code last_error 'expired'}), with
     * or without a lapsed claim, and pending ones whose attempts are used up ('max attempts exceeded').
     * Also deletes the unique-key rows of jobs no longer live (they hold nothing; this reclaims space).
     *
     * @return how many rows moved to the dead-letter table
     */
    int sweepExpired();

    /** @return counts of this queue now */
    QueueStats stats();

    /**
     * Lists this queue's dead jobs, newest death first.
     *
     * @param limit the most rows; at least 1
     * @return the dead jobs
     */
    List<DeadJob> deadJobs(int limit);

    /**
     * Puts a dead job back as a fresh pending job (new id, attempts 0, due now, its priority and budget) and
     * deletes the dead row, in one transaction.
     *
     * @param deadJobId the id of the dead row
     * @return the new live id, or empty if no dead job of this queue has that id
     */
    Optional<Long> requeueDead(long deadJobId);

    /**
     * Deletes this queue's pending jobs. Claimed jobs are left to their workers.
     *
     * @return how many were deleted
     */
    int purge();

    /**
     * Deletes this queue's dead jobs.
     *
     * @return how many were deleted
     */
    int purgeDead();
}
