/**
 * Micrometer metrics for a honker: {@link io.honkerj.jdbi.metrics.HonkerMetrics} is a {@code MeterBinder}
 * (gauges read from the database) and a {@code WorkerListener} (counters and timers of a pool's jobs).
 * Micrometer is an optional dependency: only this package refers to it. Statements:
 * {@code io/honkerj/jdbi/metrics/MetricsDao/<method>.sql}.
 */
package io.honkerj.jdbi.metrics;
