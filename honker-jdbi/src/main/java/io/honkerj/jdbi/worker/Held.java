package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;

/** A job this pool claimed and has not settled yet: heartbeated until the completer settles it. */
final class Held {
    final Job job;
    final QueueWorker owner;
    volatile boolean lost;

    Held(Job job, QueueWorker owner) {
        this.job = job;
        this.owner = owner;
    }
}
