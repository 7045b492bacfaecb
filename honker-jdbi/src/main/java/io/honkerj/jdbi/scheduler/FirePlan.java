package io.honkerj.jdbi.scheduler;

import io.honkerj.api.MisfirePolicy;
import io.honkerj.api.SkippedBoundaries;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What one tick does for one due task under a {@link MisfirePolicy}: the boundaries to fire (each once),
 * the next fire to persist, and the boundaries skipped. Shared by {@link JdbiScheduler#tick} and the SQL
 * function {@code honker_scheduler_tick}, which always plans as upstream ({@link MisfirePolicy#CATCH_UP_CAPPED}).
 *
 * @param fireAts the boundaries to fire, oldest first
 * @param nextFireAt the next fire to store; still at or before the tick's {@code now} when
 *     {@link MisfirePolicy#CATCH_UP_ALL} stopped at its batch size (the next tick goes on from there)
 * @param skipped the boundaries passed over without firing, or {@code null} if none
 */
public record FirePlan(List<Long> fireAts, long nextFireAt, Skipped skipped) {
    /** Upstream's {@code SCHEDULER_MAX_CATCHUP_FIRES}. */
    public static final int MAX_CATCHUP_FIRES = MisfirePolicy.UPSTREAM_CATCH_UP_CAP;

    /**
     * Boundaries a plan passes over.
     *
     * @param count how many, counted one by one up to {@link SkippedBoundaries#MAX_COUNTED}
     * @param first the first (unix seconds)
     * @param last the last (unix seconds)
     */
    public record Skipped(long count, long first, long last) {}

    /**
     * Plans a task's fires up to {@code now} as upstream does.
     *
     * @param cronExpr the task's cron expression
     * @param nextFireAt its stored next fire (unix seconds)
     * @param now the tick's moment (unix seconds)
     * @param zone the zone cron expressions are read in
     * @return the plan
     */
    public static FirePlan of(String cronExpr, long nextFireAt, long now, ZoneId zone) {
        return of(cronExpr, nextFireAt, now, zone, MisfirePolicy.CATCH_UP_CAPPED);
    }

    /**
     * Plans a task's fires up to {@code now}.
     *
     * @param cronExpr the task's cron expression
     * @param nextFireAt its stored next fire (unix seconds)
     * @param now the tick's moment (unix seconds)
     * @param zone the zone cron expressions are read in
     * @param policy what to do with missed boundaries
     * @return the plan
     */
    public static FirePlan of(String cronExpr, long nextFireAt, long now, ZoneId zone, MisfirePolicy policy) {
        CronExpression cron = CronExpression.parse(cronExpr);
        if (nextFireAt > now) {
            return new FirePlan(List.of(), nextFireAt, null);
        }
        if (policy == MisfirePolicy.FIRE_LATEST) {
            Span due = Span.of(cron, nextFireAt, now, zone);
            long earlier = due.capped() ? due.count() : due.count() - 1;
            Skipped skipped = earlier == 0 ? null : new Skipped(earlier, nextFireAt, due.beforeLast());
            return new FirePlan(List.of(due.last()), cron.nextAfter(due.last(), zone), skipped);
        }
        int cap = policy == MisfirePolicy.CATCH_UP_ALL ? MisfirePolicy.CATCH_UP_BATCH : MAX_CATCHUP_FIRES;
        List<Long> fires = new ArrayList<>();
        long next = nextFireAt;
        while (next <= now && fires.size() < cap) {
            fires.add(next);
            next = cron.nextAfter(next, zone);
        }
        if (next > now || policy == MisfirePolicy.CATCH_UP_ALL) {
            return new FirePlan(fires, next, null);
        }
        Span rest = Span.of(cron, next, now, zone);
        return new FirePlan(fires, cron.nextAfter(now, zone), new Skipped(rest.count(), next, rest.last()));
    }

    /**
     * The boundaries from {@code first} (itself a boundary) up to {@code limit}: how many (exact for
     * {@code @every}; for cron counted one by one up to {@link SkippedBoundaries#MAX_COUNTED}, which then
     * means at least that many), the last, and the one before it.
     */
    private record Span(long count, boolean capped, long last, long beforeLast) {

        static Span of(CronExpression cron, long first, long limit, ZoneId zone) {
            if (cron.isInterval()) {
                long step = cron.nextAfter(first, zone) - first;
                long n = (limit - first) / step + 1;
                long last = first + (n - 1) * step;
                return new Span(n, false, last, last - step);
            }
            long count = 1;
            long last = first;
            long before = first;
            while (true) {
                long next = cron.nextAfter(last, zone);
                if (next > limit) {
                    return new Span(count, false, last, before);
                }
                if (count == SkippedBoundaries.MAX_COUNTED) {
                    long end = lastAtOrBefore(cron, last, limit, zone);
                    return new Span(count, true, end, lastAtOrBefore(cron, last, end - 1, zone));
                }
                before = last;
                last = next;
                count++;
            }
        }

        /** The last boundary in [{@code from}, {@code limit}], {@code from} being one: a binary search. */
        private static long lastAtOrBefore(CronExpression cron, long from, long limit, ZoneId zone) {
            long lo = from; // a boundary <= limit: the largest x with nextAfter(x) <= limit is >= lo - 1
            long hi = limit; // nextAfter(limit) > limit
            long best = from;
            while (lo < hi) {
                long mid = lo + (hi - lo) / 2;
                long next = cron.nextAfter(mid, zone);
                if (next <= limit) {
                    best = Math.max(best, next);
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return best;
        }
    }
}
