/**
 * Durable streams: {@code _honker_stream} topics with per-consumer offsets in
 * {@code _honker_stream_consumers}. Statements: {@code io/honkerj/jdbi/stream/StreamDao/<method>.sql}.
 */
package io.honkerj.jdbi.stream;
