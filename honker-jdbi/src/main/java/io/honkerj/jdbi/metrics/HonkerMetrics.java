package io.honkerj.jdbi.metrics;

import io.honkerj.api.Job;
import io.honkerj.api.ScheduledFire;
import io.honkerj.api.SchedulerListener;
import io.honkerj.api.SkippedBoundaries;
import io.honkerj.api.WorkerListener;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.JdbiHonker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer metrics for a honker, following Micrometer's conventions (lowercase dotted names under
 * {@code honker.}, bounded tags: queue, state, outcome, task, consumer, topic, lock names; never a job id).
 *
 * <p>As a {@link MeterBinder}, gauges read from the database (every {@link #DEFAULT_REFRESH} on a daemon
 * thread, or on {@link #refresh()}), so they count jobs of every process and binding on the file:
 * <ul>
 *   <li>{@code honker.jobs{queue,state}}: jobs per queue in state {@code pending}, {@code processing},
 *       {@code dead};</li>
 *   <li>{@code honker.jobs.oldest.pending{queue}} (seconds): how long the longest-waiting due job has been
 *       due;</li>
 *   <li>{@code honker.stream.lag{consumer,topic}} (events): events after a consumer's saved offset;</li>
 *   <li>{@code honker.lock.held{lock}}: 1 while a lock's lease runs, 0 once it lapsed or was released.</li>
 * </ul>
 * A queue or lock seen once keeps reporting (0 when empty or released) until the process ends, so an alert
 * on a series does not see it vanish.
 * As a {@link WorkerListener} given to a pool ({@code .listener(metrics)}), the pool's jobs:
 * <ul>
 *   <li>{@code honker.jobs.completed{queue,outcome}}: counter; outcome {@code succeeded}, {@code failed}
 *       (retried), {@code dead_lettered}, {@code released}, {@code claim_lost}, {@code cancelled};</li>
 *   <li>{@code honker.job.duration{queue,outcome}}: timer of handler runs (succeeded, failed,
 *       dead_lettered);</li>
 *   <li>{@code honker.job.wait{queue}}: timer from when a job was due ({@code run_at}) to its start;</li>
 *   <li>{@code honker.jobs.active{queue}}: long task timer of handlers running now;</li>
 *   <li>{@code honker.jobs.timed.out{queue}}: counter of handlers interrupted at their timeout.</li>
 * </ul>
 * As a {@link SchedulerListener} given to a scheduler ({@code honker.schedulerBuilder().listener(metrics)}):
 * {@code honker.scheduler.fires{task}} and {@code honker.scheduler.skipped{task}} counters.
 *
 * <pre>{@code
 * HonkerMetrics metrics = HonkerMetrics.install(honker, registry);   // the gauges
 * WorkerPool pool = honker.workers().handle(...).listener(metrics).start(); // the pool's jobs
 * Scheduler scheduler = honker.schedulerBuilder().listener(metrics).build(); // fires and skipped boundaries
 * }</pre>
 *
 * <p>Micrometer is an optional dependency of honker-jdbi: only this class refers to it, so an application
 * that never calls it needs no Micrometer on its classpath. Close it to stop the refresh thread.
 */
public final class HonkerMetrics implements MeterBinder, WorkerListener, SchedulerListener, AutoCloseable {
    /** How often the gauges are read from the database by default: every 10 seconds. */
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(HonkerMetrics.class);
    private static final String[] STATES = {"pending", "processing", "dead"};

    private final JdbiHonker honker;
    private final Clock clock;
    private final Duration refreshEvery;
    private final List<Bound> registries = new CopyOnWriteArrayList<>();
    private final Map<Long, List<LongTaskTimer.Sample>> running = new ConcurrentHashMap<>();
    /** Queues and locks seen since binding: once empty or released they report 0 instead of vanishing. */
    private final java.util.Set<String> knownQueues = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> knownLocks = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService refresher;

    /** The gauges registered on one registry. */
    private record Bound(MeterRegistry registry, MultiGauge jobs, MultiGauge oldest, MultiGauge lag,
            MultiGauge locks) {}

    private HonkerMetrics(JdbiHonker honker, Duration refreshEvery) {
        this.honker = Objects.requireNonNull(honker, "honker");
        this.clock = honker.jdbi().getConfig(HonkerConfig.class).getClock();
        this.refreshEvery = Objects.requireNonNull(refreshEvery, "refreshEvery");
        if (refreshEvery.isNegative()) {
            throw new IllegalArgumentException("metrics refreshEvery must not be negative, got " + refreshEvery);
        }
    }

    /**
     * Creates the metrics of a honker, gauges refreshed every {@link #DEFAULT_REFRESH} once bound.
     *
     * @param honker the honker
     * @return the metrics, not yet bound to a registry
     */
    public static HonkerMetrics of(JdbiHonker honker) {
        return new HonkerMetrics(honker, DEFAULT_REFRESH);
    }

    /**
     * Creates the metrics of a honker with its own refresh period.
     *
     * @param honker the honker
     * @param refreshEvery how often the gauges are read from the database; {@link Duration#ZERO} for never
     *     (only on {@link #refresh()})
     * @return the metrics, not yet bound to a registry
     */
    public static HonkerMetrics of(JdbiHonker honker, Duration refreshEvery) {
        return new HonkerMetrics(honker, refreshEvery);
    }

    /**
     * Creates the metrics of a honker and binds them to a registry: the one call an application makes.
     *
     * @param honker the honker
     * @param registry the registry
     * @return the metrics; give them to a worker pool's {@code listener(..)} for its jobs' counters and timers
     */
    public static HonkerMetrics install(JdbiHonker honker, MeterRegistry registry) {
        HonkerMetrics metrics = of(honker);
        metrics.bindTo(registry);
        return metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Bound bound = new Bound(registry,
                MultiGauge.builder("honker.jobs").description("jobs per queue and state").baseUnit("jobs")
                        .register(registry),
                MultiGauge.builder("honker.jobs.oldest.pending").description("how long the longest-waiting due "
                        + "job of a queue has been due").baseUnit("seconds").register(registry),
                MultiGauge.builder("honker.stream.lag").description("events after a consumer's saved offset")
                        .baseUnit("events").register(registry),
                MultiGauge.builder("honker.lock.held").description("1 while a lock's lease runs, 0 once it lapsed")
                        .register(registry));
        registries.add(bound);
        refresh();
        synchronized (this) {
            if (refresher == null && !refreshEvery.isZero()) {
                refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "honker-metrics-refresh");
                    t.setDaemon(true);
                    return t;
                });
                refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshEvery.toMillis(),
                        refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Reads the gauges' values from the database now (the refresh thread does it every period). */
    public synchronized void refresh() {
        long now = clock.instant().getEpochSecond();
        record Read(List<MetricsDao.JobCount> jobs, List<MetricsDao.Lag> lag, List<MetricsDao.LockRow> locks) {}
        Read read = honker.jdbi().withExtension(MetricsDao.class,
                dao -> new Read(dao.jobCounts(now), dao.consumerLag(), dao.locks(now)));
        List<MultiGauge.Row<?>> jobs = new ArrayList<>();
        List<MultiGauge.Row<?>> oldest = new ArrayList<>();
        Map<String, long[]> perQueue = new java.util.TreeMap<>();
        read.jobs().forEach(c -> knownQueues.add(c.queue()));
        knownQueues.forEach(q -> perQueue.put(q, new long[STATES.length]));
        for (MetricsDao.JobCount c : read.jobs()) {
            long[] counts = perQueue.get(c.queue());
            counts[java.util.Arrays.asList(STATES).indexOf(c.state())] = c.jobs();
            if (c.state().equals("pending")) {
                oldest.add(MultiGauge.Row.of(Tags.of("queue", c.queue()),
                        c.oldestDueRunAt() == null ? 0 : Math.max(0, now - c.oldestDueRunAt())));
            }
        }
        perQueue.forEach((queue, counts) -> {
            for (int i = 0; i < STATES.length; i++) {
                jobs.add(MultiGauge.Row.of(Tags.of("queue", queue, "state", STATES[i]), counts[i]));
            }
            if (counts[0] == 0) {
                oldest.add(MultiGauge.Row.of(Tags.of("queue", queue), 0));
            }
        });
        List<MultiGauge.Row<?>> lag = read.lag().stream()
                .<MultiGauge.Row<?>>map(l -> MultiGauge.Row.of(Tags.of("consumer", l.consumer(), "topic", l.topic()),
                        l.lag()))
                .toList();
        Map<String, Integer> held = new java.util.TreeMap<>();
        read.locks().forEach(l -> knownLocks.add(l.name()));
        knownLocks.forEach(l -> held.put(l, 0));
        read.locks().forEach(l -> held.put(l.name(), l.held()));
        List<MultiGauge.Row<?>> locks = held.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("lock", e.getKey()), e.getValue()))
                .toList();
        for (Bound b : registries) {
            b.jobs().register(jobs, true);
            b.oldest().register(oldest, true);
            b.lag().register(lag, true);
            b.locks().register(locks, true);
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("honker metrics: reading the gauges failed; trying again in {}", refreshEvery, e);
        }
    }

    @Override
    public void jobStarted(Job job) {
        long waitedMs = Math.max(0, clock.millis() - job.runAt().toEpochMilli());
        List<LongTaskTimer.Sample> samples = new ArrayList<>(registries.size());
        for (Bound b : registries) {
            Timer.builder("honker.job.wait").description("from when a job was due to its start")
                    .tags("queue", job.queue()).register(b.registry()).record(Duration.ofMillis(waitedMs));
            samples.add(LongTaskTimer.builder("honker.jobs.active").description("handlers running now")
                    .tags("queue", job.queue()).register(b.registry()).start());
        }
        running.put(job.id(), samples);
    }

    @Override
    public void jobSucceeded(Job job, Duration took) {
        finished(job, "succeeded", took);
    }

    @Override
    public void jobFailed(Job job, Duration took, Throwable error, Duration retryIn) {
        finished(job, "failed", took);
    }

    @Override
    public void jobDeadLettered(Job job, Duration took, Throwable error) {
        finished(job, "dead_lettered", took);
    }

    @Override
    public void jobReleased(Job job) {
        finished(job, "released", null);
    }

    @Override
    public void claimLost(Job job) {
        finished(job, "claim_lost", null);
    }

    /**
     * The job was cancelled while the pool held it: counted as outcome {@code cancelled}.
     *
     * @param job the job
     */
    @Override
    public void jobCancelled(Job job) {
        finished(job, "cancelled", null);
    }

    /**
     * A handler ran past its timeout and was interrupted: counted in {@code honker.jobs.timed.out}; its
     * failure follows.
     *
     * @param job the job
     * @param timeout the timeout it exceeded
     */
    @Override
    public void jobTimedOut(Job job, Duration timeout) {
        for (Bound b : registries) {
            Counter.builder("honker.jobs.timed.out").description("handlers interrupted at their timeout")
                    .tags("queue", job.queue()).register(b.registry()).increment();
        }
    }

    /**
     * Counts a scheduled task's fire in {@code honker.scheduler.fires{task}}.
     *
     * @param fire the fire
     */
    @Override
    public void fired(ScheduledFire fire) {
        for (Bound b : registries) {
            Counter.builder("honker.scheduler.fires").description("boundaries a scheduled task fired")
                    .tags("task", fire.name()).register(b.registry()).increment();
        }
    }

    /**
     * Counts boundaries of a task a leading scheduler passed over without firing them, under its misfire
     * policy, in {@code honker.scheduler.skipped{task}}.
     *
     * @param skipped the skipped boundaries
     */
    @Override
    public void skipped(SkippedBoundaries skipped) {
        for (Bound b : registries) {
            Counter.builder("honker.scheduler.skipped").description("boundaries a scheduled task skipped")
                    .tags("task", skipped.name()).register(b.registry()).increment(skipped.count());
        }
    }

    private void finished(Job job, String outcome, Duration took) {
        List<LongTaskTimer.Sample> samples = running.remove(job.id());
        if (samples != null) {
            samples.forEach(LongTaskTimer.Sample::stop);
        }
        for (Bound b : registries) {
            Counter.builder("honker.jobs.completed").description("jobs a worker pool finished, by outcome")
                    .tags("queue", job.queue(), "outcome", outcome).register(b.registry()).increment();
            if (took != null) {
                Timer.builder("honker.job.duration").description("handler run time")
                        .tags("queue", job.queue(), "outcome", outcome).register(b.registry()).record(took);
            }
        }
    }

    /** Stops the refresh thread; the meters stay registered with their last values. */
    @Override
    public void close() {
        synchronized (this) {
            if (refresher != null) {
                refresher.shutdownNow();
                refresher = null;
            }
        }
    }
}
