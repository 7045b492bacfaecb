package io.honkerj.api;

import java.time.Instant;

/**
 * One event of a durable stream: a row of {@code _honker_stream}.
 *
 * @param offset its offset (one increasing sequence across all topics, so a topic's offsets are sparse)
 * @param topic the stream's topic
 * @param key the partition key given at publish, or {@code null}
 * @param payload the payload as JSON text
 * @param createdAt when it was published
 */
public record StreamEvent(long offset, String topic, String key, String payload, Instant createdAt) {}
