/**
 * honker-jdbi: the honker task runtime on Jdbi and sqlite-jdbc. Start with {@link io.honkerj.jdbi.Honkers}
 * (no Jdbi yet) or {@link io.honkerj.jdbi.JdbiHonker} (your Jdbi, or your handle and its transaction).
 */
package io.honkerj.jdbi;
