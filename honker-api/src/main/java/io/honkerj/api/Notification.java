package io.honkerj.api;

import java.time.Instant;

/**
 * One notification delivered to a {@link Listener}: a row of {@code _honker_notifications}.
 *
 * @param id its id (increasing across all channels)
 * @param channel the channel it was sent on
 * @param payload the payload as JSON text
 * @param createdAt when it was sent
 */
public record Notification(long id, String channel, String payload, Instant createdAt) {}
