/**
 * Upstream honker's SQL functions ({@code honker_enqueue}, {@code honker_claim_batch}, ...) on every
 * connection the plugin customizes, so SQL and triggers written for upstream run unchanged. Each runs
 * honker's own {@code .sql} files on the calling connection.
 */
package io.honkerj.jdbi.function;
