/**
 * Benchmarks of honker-jdbi beside a raw sqlite-jdbc baseline that runs the same SQL in the same run:
 * JMH benchmarks for careful numbers and {@link io.honkerj.bench.QuickReport} for a one-minute table.
 */
package io.honkerj.bench;
