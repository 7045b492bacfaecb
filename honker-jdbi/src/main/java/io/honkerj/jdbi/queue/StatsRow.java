package io.honkerj.jdbi.queue;

/** The counts {@code stats.sql} returns; {@code oldestDueRunAt} is null when nothing is due. */
record StatsRow(long pending, long processing, long dead, Long oldestDueRunAt) {}
