package io.honkerj.api;

/**
 * Runs a named task in a {@link WorkerPool}. Its return value, {@code null} included, is stored as the job's
 * result (as upstream's tasks do); a throw retries the call or, after its last attempt, dead-letters it
 * ({@link RetryLaterException} chooses the delay).
 */
@FunctionalInterface
public interface TaskHandler {

    /**
     * Runs the task.
     *
     * @param call the name, arguments and job
     * @return the result to store (any value the codec can encode, or null)
     * @throws Exception to retry the call
     */
    Object run(TaskCall call) throws Exception;
}
