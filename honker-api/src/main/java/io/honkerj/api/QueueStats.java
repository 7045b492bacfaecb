package io.honkerj.api;

import java.time.Duration;

/**
 * Counts of one queue at one moment, for dashboards and alerts.
 *
 * @param queue the queue name
 * @param pending jobs waiting (due or scheduled for later)
 * @param processing jobs claimed, whether or not the claim is still valid
 * @param dead jobs in the dead-letter table
 * @param oldestPendingAge how long the longest-waiting due job has been due; zero if none is due
 */
public record QueueStats(String queue, long pending, long processing, long dead, Duration oldestPendingAge) {}
