package io.honkerj.api;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Optional;

/**
 * Job results in {@code _honker_results}, keyed by job id, so whoever enqueued a job can read what the
 * worker (in any process or binding) produced.
 */
public interface Results {

    /**
     * Stores (or replaces) a job's result.
     *
     * @param jobId the job id
     * @param value any value the codec can encode ({@code null} stores JSON {@code null})
     * @param ttl how long it stays readable, at least one second; {@code null} = forever
     */
    void save(long jobId, Object value, Duration ttl);

    /**
     * Reads a result as JSON text.
     *
     * @param jobId the job id
     * @return the stored JSON, or empty if none or expired (a stored JSON null reads as {@code "null"})
     */
    Optional<String> getJson(long jobId);

    /**
     * Reads and decodes a result.
     *
     * @param jobId the job id
     * @param type the type to decode into
     * @param <T> that type
     * @return the value, or empty if none, expired or JSON null
     */
    <T> Optional<T> get(long jobId, Type type);

    /**
     * Waits until a result for the job is stored (by any process), or the timeout passes.
     *
     * @param jobId the job id
     * @param timeout how long to wait at most
     * @return the stored JSON, or empty on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<String> awaitJson(long jobId, Duration timeout) throws InterruptedException;

    /**
     * Deletes a job's result.
     *
     * @param jobId the job id
     * @return true if a row was deleted
     */
    boolean delete(long jobId);

    /**
     * Deletes every expired result.
     *
     * @return how many rows were deleted
     */
    int pruneExpired();
}
