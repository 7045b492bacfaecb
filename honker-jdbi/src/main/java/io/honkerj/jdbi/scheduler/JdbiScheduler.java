package io.honkerj.jdbi.scheduler;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Lock;
import io.honkerj.api.MisfirePolicy;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.Scheduler;
import io.honkerj.api.SchedulerListener;
import io.honkerj.api.SkippedBoundaries;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
import io.honkerj.jdbi.internal.Session;
import io.honkerj.jdbi.lock.JdbiLocks;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.watch.ChangeWaiter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Scheduler} on a honker {@link Database}. Leadership is the {@value Scheduler#LEADER_LOCK} lock
 * with a configurable TTL (upstream's 60 s by default), renewed every third of it (at most every
 * {@value #LEADER_MAX_SLEEP_SECONDS} s); the leader sleeps until
 * the soonest next fire (at most {@value #LEADER_MAX_SLEEP_SECONDS} s, as upstream's Node and Rust
 * bindings), a renewal or a change. A standby reads the lock on every change, when the holder's lease ends
 * and at least every {@link Scheduler#STANDBY_POLL}, and writes only to take it.
 */
public final class JdbiScheduler implements Scheduler {
    static final long LEADER_MAX_SLEEP_SECONDS = 20;
    private static final Logger log = LoggerFactory.getLogger(JdbiScheduler.class);

    private final Database db;
    private final ZoneId zone;
    private final Duration leaderTtl;
    private final MisfirePolicy policy;
    private final SchedulerListener listener;
    private final JdbiLocks locks;

    /**
     * Creates a scheduler with upstream's defaults (see {@link #builder(Database)} for the options).
     *
     * @param db where statements run
     * @param zone the zone cron expressions are read in
     */
    public JdbiScheduler(Database db, ZoneId zone) {
        this(db, zone, DEFAULT_LEADER_TTL, DEFAULT_MISFIRE_POLICY, null);
    }

    JdbiScheduler(Database db, ZoneId zone, Duration leaderTtl, MisfirePolicy policy, SchedulerListener listener) {
        this.db = Objects.requireNonNull(db, "db");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.leaderTtl = Objects.requireNonNull(leaderTtl, "leaderTtl");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.listener = listener == null ? new SchedulerListener() {} : listener;
        this.locks = new JdbiLocks(db);
    }

    /**
     * Returns a builder of schedulers on a database.
     *
     * @param db where statements run
     * @return a new builder with upstream's defaults
     */
    public static Scheduler.Builder builder(Database db) {
        return new SchedulerBuilder(Objects.requireNonNull(db, "db"));
    }

    @Override
    public void add(ScheduledTask task) {
        Args.requireName("task name", task.name());
        Args.requireName("queue name", task.queue());
        CronExpression cron = CronExpression.parse(task.cron());
        String payload = db.codec().encode(task.payload());
        Long expires = task.expires() == null ? null : Args.ceilSeconds(task.expires());
        db.write(s -> s.dao(SchedulerDao.class).add(task.name(), task.queue(), cron.expression(), payload,
                task.priority(), expires, cron.nextAfter(db.nowSeconds(), zone), task.maxAttempts()));
    }

    @Override
    public boolean remove(String name) {
        Args.requireName("task name", name);
        return db.write(s -> s.dao(SchedulerDao.class).unregister(name)) == 1;
    }

    @Override
    public List<ScheduledTaskInfo> list() {
        return db.read(s -> s.dao(SchedulerDao.class).list()).stream().map(JdbiScheduler::info).toList();
    }

    private static ScheduledTaskInfo info(TaskRow r) {
        return new ScheduledTaskInfo(r.name(), r.queue(), r.cronExpr(), r.payload(), r.priority(),
                r.expiresS() == null ? null : Duration.ofSeconds(r.expiresS()), Instant.ofEpochSecond(r.nextFireAt()),
                r.enabled() == 1, r.maxAttempts());
    }

    @Override
    public boolean pause(String name) {
        Args.requireName("task name", name);
        return db.write(s -> s.dao(SchedulerDao.class).pause(name)) == 1;
    }

    @Override
    public boolean resume(String name) {
        Args.requireName("task name", name);
        return db.write(s -> {
            SchedulerDao dao = s.dao(SchedulerDao.class);
            Optional<TaskRow> row = dao.get(name);
            if (row.isEmpty()) {
                return false;
            }
            long next = CronExpression.parse(row.get().cronExpr()).nextAfter(db.nowSeconds(), zone);
            return dao.resume(name, next) == 1;
        });
    }

    /** What one tick transaction fired and skipped, and whether a task still has boundaries due. */
    private record Batch(List<ScheduledFire> fires, List<SkippedBoundaries> skipped, boolean more) {}

    @Override
    public List<ScheduledFire> tick(Instant at) {
        long now = at.getEpochSecond();
        List<ScheduledFire> all = new ArrayList<>();
        while (true) {
            Batch batch = db.write(s -> tickOnce(s, now));
            for (SkippedBoundaries skipped : batch.skipped()) {
                log.warn("Scheduled task '{}' (queue '{}'): skipped {} boundar{} from {} to {} ({}); they will not fire",
                        skipped.name(), skipped.queue(), skipped.count(), skipped.count() == 1 ? "y" : "ies",
                        skipped.first(), skipped.last(), skipped.policy());
                tell(() -> listener.skipped(skipped));
            }
            for (ScheduledFire fire : batch.fires()) {
                tell(() -> listener.fired(fire));
            }
            all.addAll(batch.fires());
            if (!batch.more()) {
                return all;
            }
        }
    }

    private Batch tickOnce(Session s, long now) {
        SchedulerDao dao = s.dao(SchedulerDao.class);
        HandleDatabase inTx = HandleDatabase.joining(db, s);
        List<ScheduledFire> fires = new ArrayList<>();
        List<SkippedBoundaries> skipped = new ArrayList<>();
        boolean more = false;
        for (TaskRow task : dao.due(now)) {
            FirePlan plan = FirePlan.of(task.cronExpr(), task.nextFireAt(), now, zone, policy);
            JdbiQueue queue = new JdbiQueue(inTx, task.queue(), QueueOptions.defaults());
            EnqueueOptions options = EnqueueOptions.defaults().withPriority(task.priority())
                    .withMaxAttempts(Math.max(1, task.maxAttempts()));
            if (task.expiresS() != null && task.expiresS() > 0) {
                options = options.withExpiresIn(Duration.ofSeconds(task.expiresS()));
            }
            for (long fireAt : plan.fireAts()) {
                long jobId = queue.enqueueJson(task.payload(), options);
                fires.add(new ScheduledFire(task.name(), task.queue(), jobId, Instant.ofEpochSecond(fireAt)));
            }
            if (plan.skipped() != null) {
                skipped.add(new SkippedBoundaries(task.name(), task.queue(), plan.skipped().count(),
                        Instant.ofEpochSecond(plan.skipped().first()), Instant.ofEpochSecond(plan.skipped().last()),
                        policy));
            }
            dao.setNextFire(task.name(), plan.nextFireAt());
            more |= plan.nextFireAt() <= now;
        }
        return new Batch(fires, skipped, more);
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("A scheduler listener threw; ignored", e);
        }
    }

    @Override
    public void run(String owner, BooleanSupplier stop) throws InterruptedException {
        Args.requireName("scheduler owner", owner);
        Objects.requireNonNull(stop, "stop");
        Duration renewEvery = min(leaderTtl.dividedBy(3), Duration.ofSeconds(LEADER_MAX_SLEEP_SECONDS));
        Lock leader = null;
        Instant renewAt = Instant.MIN;
        try (ChangeWaiter waiter = db.newWaiter()) {
            while (!stop.getAsBoolean()) {
                Instant now = db.clock().instant();
                if (leader == null) {
                    Optional<Instant> heldUntil = locks.heldByOtherUntil(LEADER_LOCK, owner);
                    if (heldUntil.isEmpty()) {
                        leader = locks.tryLock(LEADER_LOCK, owner, leaderTtl).orElse(null);
                    }
                    if (leader == null) {
                        Duration untilFree = heldUntil.map(t -> Duration.between(now, t)).orElse(STANDBY_POLL);
                        waiter.awaitAtMost(atLeastAMillisecond(min(STANDBY_POLL, untilFree)));
                        continue;
                    }
                    renewAt = now.plus(renewEvery);
                    log.info("Scheduler '{}' leads (leader lock TTL {})", owner, leaderTtl);
                    tell(() -> listener.leadershipAcquired(owner));
                } else if (!now.isBefore(renewAt)) {
                    if (!leader.renew(leaderTtl)) {
                        leader = null;
                        log.warn("Scheduler '{}' lost leadership: its lease could not be renewed", owner);
                        tell(() -> listener.leadershipLost(owner));
                        continue;
                    }
                    renewAt = now.plus(renewEvery);
                }
                Long soonest = db.read(s -> s.dao(SchedulerDao.class).soonest());
                if (soonest != null && soonest <= now.getEpochSecond()) {
                    tick(now);
                    soonest = db.read(s -> s.dao(SchedulerDao.class).soonest());
                }
                Instant after = db.clock().instant();
                Duration wait = min(Duration.ofSeconds(LEADER_MAX_SLEEP_SECONDS), Duration.between(after, renewAt));
                if (soonest != null) {
                    wait = min(wait, Duration.between(after, Instant.ofEpochSecond(soonest)));
                }
                waiter.awaitAtMost(atLeastAMillisecond(wait));
            }
        } finally {
            if (leader != null && leader.release()) {
                log.info("Scheduler '{}' stopped and released leadership", owner);
                tell(() -> listener.leadershipReleased(owner));
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration atLeastAMillisecond(Duration d) {
        return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
    }

    /** {@link Scheduler.Builder} with upstream's defaults. */
    private static final class SchedulerBuilder implements Scheduler.Builder {
        private final Database db;
        private ZoneId zone = ZoneId.systemDefault();
        private Duration leaderTtl = DEFAULT_LEADER_TTL;
        private MisfirePolicy policy = DEFAULT_MISFIRE_POLICY;
        private SchedulerListener listener;

        SchedulerBuilder(Database db) {
            this.db = db;
        }

        @Override
        public Scheduler.Builder zone(ZoneId z) {
            this.zone = Objects.requireNonNull(z, "zone");
            return this;
        }

        @Override
        public Scheduler.Builder leaderTtl(Duration ttl) {
            if (ttl == null || ttl.compareTo(Duration.ofSeconds(3)) < 0) {
                throw new IllegalArgumentException("scheduler leader TTL must be at least 3 seconds, got " + ttl);
            }
            this.leaderTtl = ttl;
            return this;
        }

        @Override
        public Scheduler.Builder misfirePolicy(MisfirePolicy p) {
            this.policy = Objects.requireNonNull(p, "misfire policy");
            return this;
        }

        @Override
        public Scheduler.Builder listener(SchedulerListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        @Override
        public Scheduler build() {
            return new JdbiScheduler(db, zone, leaderTtl, policy, listener);
        }
    }
}
