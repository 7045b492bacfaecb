package io.honkerj.api;

import java.util.List;

/**
 * A durable stream: an append-only topic in {@code _honker_stream} with per-consumer offsets in
 * {@code _honker_stream_consumers} (keyed consumer, topic, as upstream), shared with every honker binding.
 */
public interface Stream {

    /** @return the topic */
    String topic();

    /**
     * Appends an event.
     *
     * @param payload any value the codec can encode
     * @return its offset
     */
    long publish(Object payload);

    /**
     * Appends an event with a key.
     *
     * @param key a partition or entity key, stored as given; may be {@code null}
     * @param payload any value the codec can encode
     * @return its offset
     */
    long publish(String key, Object payload);

    /**
     * Reads events after an offset, oldest first.
     *
     * @param offset read events with a greater offset
     * @param limit the most events; at least 1
     * @return the events
     */
    List<StreamEvent> readSince(long offset, int limit);

    /**
     * Saves a consumer's offset; it never moves backwards.
     *
     * @param consumer the consumer name; not blank
     * @param offset the offset of the last event the consumer is done with
     * @return true if stored (first save, or greater than the saved one)
     */
    boolean saveOffset(String consumer, long offset);

    /**
     * Reads a consumer's saved offset.
     *
     * @param consumer the consumer name; not blank
     * @return the offset, 0 if never saved
     */
    long getOffset(String consumer);

    /**
     * Subscribes a consumer with {@link SubscribeOptions#defaults()}.
     *
     * @param consumer the consumer name; not blank
     * @return the subscription; close it to save its offset
     */
    Subscription subscribe(String consumer);

    /**
     * Subscribes a consumer.
     *
     * @param consumer the consumer name; not blank
     * @param options offset saving and start
     * @return the subscription; close it to save its offset
     */
    Subscription subscribe(String consumer, SubscribeOptions options);
}
