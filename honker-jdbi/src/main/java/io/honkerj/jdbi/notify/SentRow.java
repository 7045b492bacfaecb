package io.honkerj.jdbi.notify;

/**
 * What {@code insert.sql} returns: the new notification's id, and the id of its channel's notification
 * before it (0 if none).
 */
record SentRow(long id, long previousId) {}
