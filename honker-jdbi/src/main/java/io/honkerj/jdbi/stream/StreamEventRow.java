package io.honkerj.jdbi.stream;

/** A {@code _honker_stream} row; time in unix seconds. */
record StreamEventRow(long offset, String topic, String key, String payload, long createdAt) {}
