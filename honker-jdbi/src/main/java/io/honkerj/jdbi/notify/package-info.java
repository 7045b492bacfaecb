/**
 * Ephemeral notify/listen (pg_notify style) on {@code _honker_notifications}. Statements:
 * {@code io/honkerj/jdbi/notify/NotifyDao/<method>.sql}.
 */
package io.honkerj.jdbi.notify;
