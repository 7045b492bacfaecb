/**
 * The worker room: {@link io.honkerj.api.WorkerPool} on the queue primitives. Per queue one dispatcher
 * claims batches through a {@link io.honkerj.api.ClaimWaker} (woken by commits), runner loops on an
 * executor run the handler, and one completer per pool settles finished jobs (ack with result, retry,
 * dead-letter, release) in one transaction per burst; a scheduler heartbeats every held job at a third of
 * its lease.
 */
package io.honkerj.jdbi.worker;
