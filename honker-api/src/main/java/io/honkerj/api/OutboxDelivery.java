package io.honkerj.api;

/**
 * Delivers outbox messages to the outside world (an HTTP call, a broker publish). Return to mark a message
 * delivered; throw to have it retried with the outbox's backoff, or dead-lettered after its last attempt.
 * Deliveries are at least once: make them idempotent (the job id is a good idempotency key).
 *
 * @param <T> the message type, decoded by the codec
 */
@FunctionalInterface
public interface OutboxDelivery<T> {

    /**
     * Delivers one message.
     *
     * @param payload the decoded message
     * @param job its job (id, attempts)
     * @throws Exception to retry the delivery later
     */
    void deliver(T payload, Job job) throws Exception;
}
