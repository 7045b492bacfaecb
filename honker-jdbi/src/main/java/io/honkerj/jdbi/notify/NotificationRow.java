package io.honkerj.jdbi.notify;

/** A {@code _honker_notifications} row; time in unix seconds. */
record NotificationRow(long id, String channel, String payload, long createdAt) {}
