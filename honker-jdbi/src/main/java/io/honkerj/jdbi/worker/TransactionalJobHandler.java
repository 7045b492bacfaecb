package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import org.jdbi.v3.core.Handle;

/**
 * Runs one job inside the transaction that acks it: the handler's writes on {@code handle} and the job's
 * ack (and its stored result) commit together or not at all. A worker killed mid-job leaves neither, the
 * job comes back after its lease, and the work inside the database file happens exactly once.
 *
 * <p>Register one with {@link PoolBuilder#handleInTransaction}. The pool opens a write transaction
 * ({@code BEGIN IMMEDIATE}), acks the job in it first (if the claim was lost or the job cancelled, the
 * handler does not run), then calls the handler. Return normally and the transaction commits; throw and it
 * rolls back, and the job is retried or dead-lettered as with a {@link io.honkerj.api.JobHandler}.
 *
 * <p>The transaction holds the database's write lock while the handler runs, so keep it to database work
 * and keep it short: every other writer (other handlers, heartbeats, enqueues, other processes) waits for
 * it. Write through {@code handle} only: a write on another handle of the same file waits for this
 * transaction, which waits for the handler. {@code JdbiHonker.attach(handle)} gives honker operations that
 * join it (e.g. enqueue a follow-up job atomically). If the database was busy at {@code BEGIN}, the whole
 * transaction runs again, so the handler must have no effect outside the database.
 *
 * @param <T> the payload type, decoded from the job's JSON by the honker's codec
 */
@FunctionalInterface
public interface TransactionalJobHandler<T> {

    /**
     * Runs the job in the transaction that acks it.
     *
     * @param payload the decoded payload
     * @param job the claimed job; already acked inside this transaction, so do not ack, retry or heartbeat it
     * @param handle the transaction's handle, for the job's business writes
     * @return the job's result to store in the same transaction, or {@code null} for none
     * @throws Exception to roll everything back and have the job retried or dead-lettered
     */
    Object handle(T payload, Job job, Handle handle) throws Exception;
}
