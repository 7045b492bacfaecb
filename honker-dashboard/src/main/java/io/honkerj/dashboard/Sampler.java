package io.honkerj.dashboard;

import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.JdbiHonker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples queue depths and throughput while the dashboard runs, for the overview's chart: every
 * {@code every}, the depth (pending + processing) of each queue and the number of jobs that left the live
 * table other than by dying since the previous sample (new ids minus growth of live minus growth of dead).
 * Keeps {@code history}; nothing is written to the database.
 */
final class Sampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    /** One point of the chart. */
    record Sample(long at, long finished, Map<String, Long> depth) {}

    private final JdbiHonker honker;
    private final Clock clock;
    private final Duration every;
    private final int keep;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer;
    private Rows.Totals last;

    Sampler(JdbiHonker honker, Duration every, Duration history) {
        this.honker = honker;
        this.clock = honker.jdbi().getConfig(HonkerConfig.class).getClock();
        this.every = every;
        this.keep = (int) Math.max(1, history.toMillis() / every.toMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "honker-dashboard-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                LOG.warn("dashboard sample failed; trying again in {}", every, e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes one sample now. */
    void sample() {
        long now = clock.instant().getEpochSecond();
        record Read(List<Rows.QueueRow> queues, Rows.Totals totals) {}
        Read read = honker.jdbi().withExtension(DashboardDao.class, dao -> new Read(dao.queues(now), dao.totals()));
        Map<String, Long> depth = new LinkedHashMap<>();
        for (Rows.QueueRow q : read.queues()) {
            depth.put(q.queue(), q.pending() + q.processing());
        }
        synchronized (this) {
            long finished = 0;
            if (last != null) {
                finished = Math.max(0, (read.totals().lastId() - last.lastId())
                        - (read.totals().live() - last.live()) - (read.totals().dead() - last.dead()));
            }
            last = read.totals();
            samples.addLast(new Sample(now, finished, depth));
            while (samples.size() > keep) {
                samples.removeFirst();
            }
        }
    }

    /** @return the samples kept, oldest first */
    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** @return the sampling period */
    Duration every() {
        return every;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
