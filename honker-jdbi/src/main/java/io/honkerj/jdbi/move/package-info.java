/**
 * Moving a honker database to PostgreSQL: {@link io.honkerj.jdbi.move.HonkerCopy} copies what a SQLite
 * file's honker holds (pending jobs, dead letters, schedules, streams and their consumers' offsets, results,
 * rate-limit windows, unique keys, paused queues) into an empty PostgreSQL schema, reading the file only.
 * Its statements are {@code io/honkerj/jdbi/move/SourceDao/<method>.sql} (SQLite) and
 * {@code io/honkerj/jdbi/move/TargetDao/<method>.sql} (PostgreSQL).
 */
package io.honkerj.jdbi.move;
