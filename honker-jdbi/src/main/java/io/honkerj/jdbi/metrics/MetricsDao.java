package io.honkerj.jdbi.metrics;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The reads behind the gauges. Each method's SQL is {@code io/honkerj/jdbi/metrics/MetricsDao/<method>.sql},
 * which starts with what it reads and which index serves it. Times are unix seconds.
 */
@UseEngineSqlLocator
@RegisterConstructorMapper(MetricsDao.JobCount.class)
@RegisterConstructorMapper(MetricsDao.Lag.class)
@RegisterConstructorMapper(MetricsDao.LockRow.class)
interface MetricsDao {

    /**
     * Jobs of one queue in one state.
     *
     * @param queue the queue
     * @param state pending, processing or dead
     * @param jobs how many
     * @param oldestDueRunAt for pending: the run_at of the longest-waiting due job, or null
     */
    record JobCount(String queue, String state, long jobs, Long oldestDueRunAt) {}

    /**
     * A consumer's lag on a topic.
     *
     * @param consumer the consumer
     * @param topic the topic
     * @param lag events after its saved offset
     */
    record Lag(String consumer, String topic, long lag) {}

    /**
     * A lock and whether its lease runs.
     *
     * @param name the lock
     * @param held 1 if its lease runs, 0 if it lapsed
     */
    record LockRow(String name, int held) {}

    /**
     * {@code jobCounts.sql}.
     *
     * @param now unix seconds
     * @return one row per queue and state that has jobs
     */
    @SqlQuery
    List<JobCount> jobCounts(long now);

    /**
     * {@code consumerLag.sql}.
     *
     * @return one row per consumer and topic
     */
    @SqlQuery
    List<Lag> consumerLag();

    /**
     * {@code locks.sql}.
     *
     * @param now unix seconds
     * @return one row per lock
     */
    @SqlQuery
    List<LockRow> locks(long now);
}
