package io.honkerj.api;

/**
 * What {@link Queue#enqueueUnique(Object, EnqueueOptions)} did.
 *
 * @param id the job's id: the new job's, or the live job's that holds the unique key
 * @param created true if this call enqueued the job, false if a live job already held the key
 */
public record Enqueued(long id, boolean created) {}
