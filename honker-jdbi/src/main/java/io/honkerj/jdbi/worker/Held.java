package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;

/** A job this pool claimed and has not settled yet: heartbeated until the completer settles it. */
final class Held {
    final Job job;
    final QueueWorker owner;
    volatile boolean lost;
    /** Its outcome went to the completer: a lost claim is reported by the settle, not the heartbeat. */
    volatile boolean finished;

    Held(Job job, QueueWorker owner) {
        this.job = job;
        this.owner = owner;
    }
}
