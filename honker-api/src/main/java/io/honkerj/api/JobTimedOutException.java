package io.honkerj.api;

import java.time.Duration;

/**
 * A worker pool's handler ran longer than its queue's {@link WorkerOptions#timeout()}: the pool interrupted
 * it and counted the attempt as failed (retried with backoff, or dead-lettered on its last attempt, with
 * this message as {@code last_error}).
 */
public final class JobTimedOutException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The queue of the job. */
    private final String queue;
    /** The job's id. */
    private final long jobId;
    /** The timeout the handler exceeded. */
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param queue the queue
     * @param jobId the job
     * @param timeout the timeout the handler exceeded
     */
    public JobTimedOutException(String queue, long jobId, Duration timeout) {
        super("timed out after " + human(timeout) + " (queue: " + queue + ", job: " + jobId + ")");
        this.queue = queue;
        this.jobId = jobId;
        this.timeout = timeout;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** @return the queue */
    public String queue() {
        return queue;
    }

    /** @return the job id */
    public long jobId() {
        return jobId;
    }

    /** @return the timeout the handler exceeded */
    public Duration timeout() {
        return timeout;
    }
}
