package io.honkerj.jdbi.scheduler;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Lock;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.ScheduledTaskInfo;
import io.honkerj.api.Scheduler;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
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

/**
 * The {@link Scheduler} on a honker {@link Database}. Leadership is the {@value Scheduler#LEADER_LOCK}
 * lock with upstream's 60 s TTL, renewed on every loop (at least every second); the leader sleeps at most
 * {@value #LEADER_MAX_SLEEP_SECONDS} s between ticks, a standby retries every
 * {@value #STANDBY_RETRY_SECONDS} s or on a change, as upstream's Node and Rust bindings do.
 */
public final class JdbiScheduler implements Scheduler {
    static final Duration LEADER_TTL = Duration.ofSeconds(60);
    static final long LEADER_MAX_SLEEP_SECONDS = 20;
    static final long STANDBY_RETRY_SECONDS = 5;

    private final Database db;
    private final ZoneId zone;
    private final JdbiLocks locks;

    /**
     * Creates the scheduler.
     *
     * @param db where statements run
     * @param zone the zone cron expressions are read in
     */
    public JdbiScheduler(Database db, ZoneId zone) {
        this.db = Objects.requireNonNull(db, "db");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.locks = new JdbiLocks(db);
    }

    @Override
    public void add(ScheduledTask task) {
        Args.requireName("task name", task.name());
        Args.requireName("queue name", task.queue());
        CronExpression cron = CronExpression.parse(task.cron());
        String payload = db.codec().encode(task.payload());
        Long expires = task.expires() == null ? null : Args.ceilSeconds(task.expires());
        db.write(s -> s.dao(SchedulerDao.class).register(task.name(), task.queue(), cron.expression(), payload,
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

    @Override
    public List<ScheduledFire> tick(Instant at) {
        long now = at.getEpochSecond();
        return db.write(s -> {
            SchedulerDao dao = s.dao(SchedulerDao.class);
            HandleDatabase inTx = HandleDatabase.joining(db, s);
            List<ScheduledFire> fires = new ArrayList<>();
            for (TaskRow task : dao.due(now)) {
                FirePlan plan = FirePlan.of(task.cronExpr(), task.nextFireAt(), now, zone);
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
                dao.setNextFire(task.name(), plan.nextFireAt());
            }
            return fires;
        });
    }

    @Override
    public void run(String owner, BooleanSupplier stop) throws InterruptedException {
        Args.requireName("scheduler owner", owner);
        Lock leader = null;
        try (ChangeWaiter waiter = db.newWaiter()) {
            while (!stop.getAsBoolean()) {
                if (leader == null) {
                    leader = locks.tryLock(LEADER_LOCK, owner, LEADER_TTL).orElse(null);
                } else if (!leader.renew(LEADER_TTL)) {
                    leader = null;
                }
                Duration wait = Duration.ofSeconds(STANDBY_RETRY_SECONDS);
                if (leader != null) {
                    tick(db.clock().instant());
                    Long soonest = db.read(s -> s.dao(SchedulerDao.class).soonest());
                    long untilSoonest = soonest == null ? LEADER_MAX_SLEEP_SECONDS : soonest - db.nowSeconds();
                    wait = Duration.ofSeconds(Math.max(0, Math.min(LEADER_MAX_SLEEP_SECONDS, untilSoonest)));
                    if (untilSoonest <= 0) {
                        continue;
                    }
                }
                waiter.awaitAtMost(wait);
            }
        } finally {
            if (leader != null) {
                leader.release();
            }
        }
    }
}
