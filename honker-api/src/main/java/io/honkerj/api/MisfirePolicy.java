package io.honkerj.api;

/**
 * What a leading {@link Scheduler} does with boundaries of a task that passed while nobody fired them (no
 * leader ran: every scheduler process was down, or the leader died and its lock had not yet expired). The
 * names follow Quartz's misfire instructions and db-scheduler's recurring tasks. Whatever the policy, every
 * boundary it does not fire is reported: logged, and given to {@link SchedulerListener#skipped}.
 *
 * <p>The policy is the leader's: it belongs to the scheduler that holds the {@value Scheduler#LEADER_LOCK}
 * lock when the tick runs. Upstream's leaders (Python, Node, Rust, the SQL function
 * {@code honker_scheduler_tick}) always apply {@link #CATCH_UP_CAPPED}.
 */
public enum MisfirePolicy {

    /**
     * Upstream's behaviour, the default: fires the missed boundaries oldest first, at most
     * {@value #UPSTREAM_CATCH_UP_CAP} per task per tick; past the cap the task skips to its first boundary
     * after now, and the rest are skipped (reported). A leader down for 10 s with {@code @every 1s} fires
     * all 10; down for 100 s, it fires the first 64 and skips 36.
     */
    CATCH_UP_CAPPED,

    /**
     * Fires every missed boundary, oldest first, however many (Quartz's "ignore misfire policy"). Catch-up
     * runs in transactions of at most {@value #CATCH_UP_BATCH} fires per task, so a long outage does not hold
     * the write lock for long; nothing is skipped. Mind what a long outage then enqueues.
     */
    CATCH_UP_ALL,

    /**
     * Fires once, for the latest missed boundary, and skips the earlier ones (reported): Quartz's
     * "fire once now", db-scheduler's recurring tasks. For work where only the latest run matters.
     */
    FIRE_LATEST;

    /** Upstream's {@code SCHEDULER_MAX_CATCHUP_FIRES}: the fires per task per tick of {@link #CATCH_UP_CAPPED}. */
    public static final int UPSTREAM_CATCH_UP_CAP = 64;

    /** The most fires per task in one transaction of {@link #CATCH_UP_ALL}. */
    public static final int CATCH_UP_BATCH = 1000;
}
