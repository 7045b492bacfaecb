/**
 * The durable work queue: enqueue, claim with a lease, ack, retry, fail, dead letters. Its statements are
 * {@code io/honkerj/jdbi/queue/QueueDao/<method>.sql}, one file per DAO method.
 */
package io.honkerj.jdbi.queue;
