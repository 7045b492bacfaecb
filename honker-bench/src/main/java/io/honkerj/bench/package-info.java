/**
 * Benchmarks of honker-jdbi beside a raw sqlite-jdbc baseline that runs the same SQL in the same run:
 * JMH benchmarks for careful numbers and {@link io.honkerj.bench.QuickReport} for a table in about a minute and a half.
 */
package io.honkerj.bench;
