package io.honkerj.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Receives the notifications of one channel committed after it was created, in order (pg_notify style:
 * nothing is replayed, and a listener that is not listening misses nothing only while it exists).
 * Closing it unblocks a thread waiting in {@link #recv()}.
 */
public interface Listener extends AutoCloseable {

    /** @return the channel */
    String channel();

    /**
     * Waits for the next notification.
     *
     * @return it
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the listener is (or gets) closed
     */
    Notification recv() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the next notification.
     *
     * @param timeout the longest wait
     * @return it, or empty on timeout
     * @throws InterruptedException if interrupted
     * @throws ListenerClosedException if the listener is (or gets) closed
     */
    Optional<Notification> recv(Duration timeout) throws InterruptedException;

    /** Stops listening; idempotent. */
    @Override
    void close();
}
