package io.honkerj.api;

/**
 * A transactional outbox (upstream's {@code db.outbox}): messages for an external system, written in the
 * same transaction as the business change that causes them and delivered afterwards by a
 * {@link WorkerPool} ({@link WorkerPool.Builder#outbox}), with retries and backoff. If the transaction rolls
 * back, the message was never sent.
 *
 * <p>It is the queue {@code _outbox:<name>} storing the payload as given, so any honker binding can write to
 * or deliver from the same outbox. Obtain one from a {@link Honker} attached to your transaction to enqueue
 * in it.
 */
public interface Outbox {

    /** The prefix upstream gives an outbox's queue. */
    String QUEUE_PREFIX = "_outbox:";

    /** @return the outbox name */
    String name();

    /** @return the queue it is stored in: {@code _outbox:<name>} */
    String queueName();

    /** @return its options */
    OutboxOptions options();

    /**
     * Adds a message, due now, with the outbox's attempt budget.
     *
     * @param payload any value the codec can encode
     * @return the message's job id
     */
    long enqueue(Object payload);

    /**
     * Adds a message.
     *
     * @param payload any value the codec can encode
     * @param options delay, priority, expiry (an explicit attempt budget overrides the outbox's)
     * @return the message's job id
     */
    long enqueue(Object payload, EnqueueOptions options);
}
