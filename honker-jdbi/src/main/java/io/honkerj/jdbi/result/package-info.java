/**
 * Job results in {@code _honker_results}, keyed by job id. Statements:
 * {@code io/honkerj/jdbi/result/ResultDao/<method>.sql}.
 */
package io.honkerj.jdbi.result;
