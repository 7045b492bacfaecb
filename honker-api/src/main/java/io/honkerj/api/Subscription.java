package io.honkerj.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A consumer's position in a stream that blocks for new events. Delivery is at least once: the consumer's
 * offset is saved only for events already handed out, after the next call (or on close), never for the
 * event just returned, so a crash replays at most the events since the last save.
 */
public interface Subscription extends AutoCloseable {

    /** @return the consumer name */
    String consumer();

    /** @return the topic */
    String topic();

    /**
     * Waits for the next event.
     *
     * @return it
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the subscription is (or gets) closed
     */
    StreamEvent next() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the next event.
     *
     * @param timeout the longest wait
     * @return it, or empty on timeout
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the subscription is (or gets) closed
     */
    Optional<StreamEvent> next(Duration timeout) throws InterruptedException;

    /** Saves the offset of the last event handed out, then stops; idempotent. */
    @Override
    void close();
}
