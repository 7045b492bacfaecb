package io.honkerj.jdbi.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a lease of {@code ttl} taken at the exact instant {@code now} ends, stored in whole unix seconds so
 * upstream's bindings read it with their own comparisons. A lease lasts at least its TTL on the wall clock,
 * whatever the sub-second phase of {@code now}, and at most one second more:
 * <ul>
 *   <li>{@code _honker_locks.expires_at} (free once {@code expires_at <= now}) stores the first whole second
 *       at or after {@code now + ttl}: {@link #end}. Upstream's {@code now + ttl} from a
 *       truncated {@code now} let a 1 s lock taken at 29.950 s lapse at 30.000 s.</li>
 *   <li>{@code _honker_live.claim_expires_at} (reclaimable once {@code claim_expires_at < now}) names the
 *       last whole second the claim covers: {@link #lastSecond}, which is upstream's {@code now + timeout}
 *       for whole-second leases and rounds a fractional lease up instead of truncating it.</li>
 * </ul>
 */
public final class Leases {
    private Leases() {}

    /**
     * The first whole second at or after {@code now + ttl}: store it where the row lapses once
     * {@code column <= now}.
     *
     * @param now the exact instant the lease is taken or renewed
     * @param ttl the lease, positive
     * @return unix seconds, at most {@link Args#MAX_EPOCH_SECOND}
     */
    public static long end(Instant now, Duration ttl) {
        long room = Args.MAX_EPOCH_SECOND - now.getEpochSecond();
        if (ttl.getSeconds() >= room) {
            return Math.max(Args.MAX_EPOCH_SECOND, now.getEpochSecond());
        }
        long seconds = now.getEpochSecond() + ttl.getSeconds();
        long nanos = (long) now.getNano() + ttl.getNano();
        seconds += nanos / 1_000_000_000L;
        return Math.min(Args.MAX_EPOCH_SECOND, nanos % 1_000_000_000L == 0 ? seconds : seconds + 1);
    }

    /**
     * The last whole second a claim of {@code lease} taken at {@code now} covers: store it where the row lapses
     * once {@code column < now}. Upstream's {@code floor(now) + lease} for whole-second leases (already at
     * least the lease: the claim holds until the end of that second), {@code end(now, lease) - 1} for a
     * fractional one.
     *
     * @param now the exact instant the claim is taken or extended
     * @param lease the lease, positive
     * @return unix seconds, at most {@link Args#MAX_EPOCH_SECOND}
     */
    public static long lastSecond(Instant now, Duration lease) {
        long end = end(now, lease);
        if (end == Args.MAX_EPOCH_SECOND) {
            return end;
        }
        return Math.max(end - 1, now.getEpochSecond() + lease.getSeconds());
    }
}
