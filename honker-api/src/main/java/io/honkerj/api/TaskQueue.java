package io.honkerj.api;

import java.util.List;
import java.util.Map;

/**
 * Enqueues named tasks in upstream's task format, so honker workers in any language can run them: the
 * payload is {@code {"__honker_task__": {"task": name, "args": [...], "kwargs": {...}}}}. A Python worker
 * runs a task named after its function's {@code module.qualname} (or the name given to its decorator); a
 * Java {@link WorkerPool} runs the handlers registered with {@link WorkerPool.Builder#task}.
 *
 * <p>The task's return value is stored as the job's result (see {@link Results#awaitJson}) for an hour.
 */
public interface TaskQueue {

    /** The queue upstream's {@code @db.task} uses unless told otherwise. */
    String DEFAULT_QUEUE = "default";

    /** @return the queue name */
    String name();

    /**
     * Enqueues a task call, due now, with the queue's default attempt budget (upstream's {@code retries}).
     *
     * @param task the task name; not blank
     * @param args positional arguments (a JSON array)
     * @param kwargs keyword arguments (a JSON object)
     * @return the job id, also the id its result is stored under
     */
    long enqueue(String task, List<?> args, Map<String, ?> kwargs);

    /**
     * Enqueues a task call.
     *
     * @param task the task name; not blank
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param options delay, priority, attempts (upstream's {@code retries}), expiry
     * @return the job id
     */
    long enqueue(String task, List<?> args, Map<String, ?> kwargs, EnqueueOptions options);
}
