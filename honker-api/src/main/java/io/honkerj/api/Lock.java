package io.honkerj.api;

import java.time.Duration;
import java.time.Instant;

/**
 * An advisory lock held in {@code _honker_locks}: a named lease that at most one owner holds until it is
 * released or its time-to-live runs out. Try-with-resources releases it.
 *
 * <p>A lock is a lease, not a guarantee: if the holder stalls past its TTL, another owner may take it.
 * Renew it (or {@link #heartbeat(Duration)}) well within the TTL while the protected work runs.
 */
public interface Lock extends AutoCloseable {

    /** @return the lock name */
    String name();

    /** @return the owner that took it */
    String owner();

    /** @return when the lease runs out as of the last acquire or renew */
    Instant expiresAt();

    /**
     * Asks the database whether this owner still holds the lock (row present, same owner, not expired).
     *
     * @return true if held
     */
    boolean isHeld();

    /**
     * Extends the lease to now plus {@code ttl}, if this owner still holds it unexpired.
     *
     * @param ttl the new lease from now; at least one second
     * @return true if extended; false if the lock was released, expired or taken by another owner
     */
    boolean renew(Duration ttl);

    /**
     * Like {@link #renew(Duration)}, for code that must stop when the lock is lost.
     *
     * @param ttl the new lease from now; at least one second
     * @throws LockNotHeldException if the lock is no longer this owner's
     */
    void heartbeat(Duration ttl);

    /**
     * Releases the lock if this owner holds it.
     *
     * @return true if a row was deleted
     */
    boolean release();

    /** Releases the lock (ignoring whether it was still held). */
    @Override
    void close();
}
