package io.honkerj.jdbi.scheduler;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What one tick does for one due task: the boundaries to fire (each once, at most
 * {@value #MAX_CATCHUP_FIRES}) and the next fire to persist; past the cap the schedule skips to the next
 * boundary after now, as upstream. Shared by {@link JdbiScheduler#tick} and the SQL function.
 *
 * @param fireAts the boundaries to fire, oldest first
 * @param nextFireAt the next fire to store
 */
public record FirePlan(List<Long> fireAts, long nextFireAt) {
    /** Upstream's {@code SCHEDULER_MAX_CATCHUP_FIRES}. */
    public static final int MAX_CATCHUP_FIRES = 64;

    /**
     * Plans a task's fires up to {@code now}.
     *
     * @param cronExpr the task's cron expression
     * @param nextFireAt its stored next fire (unix seconds)
     * @param now the tick's moment (unix seconds)
     * @param zone the zone cron expressions are read in
     * @return the plan
     */
    public static FirePlan of(String cronExpr, long nextFireAt, long now, ZoneId zone) {
        CronExpression cron = CronExpression.parse(cronExpr);
        List<Long> fires = new ArrayList<>();
        long next = nextFireAt;
        while (next <= now) {
            if (fires.size() == MAX_CATCHUP_FIRES) {
                next = cron.nextAfter(now, zone);
                break;
            }
            fires.add(next);
            next = cron.nextAfter(next, zone);
        }
        return new FirePlan(fires, next);
    }
}
