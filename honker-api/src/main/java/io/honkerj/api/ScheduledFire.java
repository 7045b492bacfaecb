package io.honkerj.api;

import java.time.Instant;

/**
 * One firing of a scheduled task: the boundary it fired for and the job it enqueued.
 *
 * @param name the task name
 * @param queue the queue
 * @param jobId the enqueued job
 * @param fireAt the schedule boundary this firing is for
 */
public record ScheduledFire(String name, String queue, long jobId, Instant fireAt) {}
