package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;

/**
 * A job this pool claimed and has not settled yet: heartbeated until the completer settles it. Its
 * {@link #job} is the view handlers and listeners see ({@link RunningJob}: it answers
 * {@link Job#isCancelled()}).
 */
final class Held {
    final Job job;
    final QueueWorker owner;
    volatile boolean lost;
    /** Its outcome went to the completer: a lost claim is reported by the settle, not the heartbeat. */
    volatile boolean finished;
    /** Found cancelled (deleted while this claim was valid): the handler is interrupted, nothing settles it. */
    volatile boolean cancelled;
    /** Its handler ran past the queue's timeout and was interrupted: the attempt counts as failed. */
    volatile boolean timedOut;
    /** Until when (unix seconds) its claim is known valid: the claim's, then each heartbeat's lease end. */
    volatile long leaseUntil;
    /** The thread running its handler, while it runs (guarded by this, so no interrupt hits the next job). */
    private Thread runner;

    Held(Job claimed, QueueWorker owner) {
        this.job = claimed == null ? null : new RunningJob(claimed, this);
        this.owner = owner;
        this.leaseUntil = claimed == null ? 0 : claimed.claimExpiresAt().getEpochSecond();
    }

    synchronized void running(Thread thread) {
        runner = thread;
    }

    /** Interrupts its handler if it is still running; false if it is not. */
    synchronized boolean interrupt() {
        if (runner == null) {
            return false;
        }
        runner.interrupt();
        return true;
    }

    /** Marks it timed out and interrupts its handler, if the handler still runs; false if it does not. */
    synchronized boolean timeOut() {
        if (runner == null || cancelled) {
            return false;
        }
        timedOut = true;
        runner.interrupt();
        return true;
    }

    /**
     * Marks it cancelled and interrupts its handler if it runs.
     *
     * @return true the first time (the caller reports it), false if it was already cancelled
     */
    synchronized boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        lost = true;
        if (runner != null) {
            runner.interrupt();
        }
        return true;
    }
}
