package io.honkerj.api;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;

/**
 * A job claimed by a worker: its row as the claim left it, and the operations only the claim holder may do.
 *
 * <p>Every operation checks that the claim is still this worker's and still valid ({@code claim_expires_at}
 * not in the past); when it is not (the lease ran out and someone else may have it, or the job was
 * cancelled), the operation changes nothing and returns {@code false}.
 */
public interface Job {

    /** @return the job id (a {@code _honker_live.id}) */
    long id();

    /** @return the queue name */
    String queue();

    /** @return the worker id that holds the claim */
    String workerId();

    /** @return how many times the job has been claimed, this claim included */
    int attempts();

    /** @return how many times it may be claimed */
    int maxAttempts();

    /** @return its priority */
    int priority();

    /** @return when it became due */
    Instant runAt();

    /** @return when this claim runs out unless extended by {@link #heartbeat(Duration)} */
    Instant claimExpiresAt();

    /** @return when it was enqueued */
    Instant createdAt();

    /** @return the payload as the JSON text stored */
    String payloadJson();

    /**
     * Decodes the payload with the honker's codec.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the payload
     * @throws InvalidPayloadException if it does not decode to that type
     */
    <T> T payload(Class<T> type);

    /**
     * Decodes the payload with the honker's codec into a generic type.
     *
     * @param type the target type, e.g. a {@code ParameterizedType}
     * @param <T> the target type
     * @return the payload
     * @throws InvalidPayloadException if it does not decode to that type
     */
    <T> T payload(Type type);

    /**
     * Marks the job done: deletes it from the live table.
     *
     * @return true if acked, false if the claim was lost
     */
    boolean ack();

    /**
     * Stores a result for the job and acks it, in one transaction: if the claim was lost, neither happens.
     *
     * @param result any value the codec can encode
     * @param ttl how long the result stays readable, at least one second; {@code null} = forever
     * @return true if acked (and the result stored)
     */
    boolean ack(Object result, Duration ttl);

    /**
     * Gives the job back to run again after a delay, or dead-letters it with this error if its attempts are
     * used up.
     *
     * @param delay how long until it is due again; not negative
     * @param error why this attempt failed (kept as {@code last_error} if it dies)
     * @return true if rescheduled or dead-lettered, false if the claim was lost
     */
    boolean retry(Duration delay, String error);

    /**
     * Moves the job to the dead-letter table with this error, whatever attempts remain.
     *
     * @param error why it failed
     * @return true if dead-lettered, false if the claim was lost
     */
    boolean fail(String error);

    /**
     * Gives the job back at once, due again now and in its old place, and takes back the attempt this
     * claim counted: for a worker that stops before running it, or that stops it midway (shutdown).
     * Unlike {@link #retry(Duration, String)}, a job released on its last attempt does not die.
     *
     * @return true if it is pending again, false if the claim was lost
     */
    boolean release();

    /**
     * Extends the claim to now plus {@code extendBy} (not added to the old deadline).
     *
     * @param extendBy the new lease length from now; at least one second
     * @return true if extended, false if the claim was lost
     */
    boolean heartbeat(Duration extendBy);

    /**
     * Says whether the job was cancelled while a worker pool runs it: the pool checks at every heartbeat
     * (a third of the lease), and then also interrupts the handler. A handler doing long work in steps can
     * poll this to stop cleanly; what it returns or throws afterwards is ignored (the job is gone).
     *
     * @return true once the pool running this job saw it cancelled; always false outside a pool
     */
    default boolean isCancelled() {
        return false;
    }
}
