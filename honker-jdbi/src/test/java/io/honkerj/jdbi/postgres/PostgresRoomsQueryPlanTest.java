package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import io.honkerj.jdbi.schema.Schema;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-operation statements of the result, lock, rate-limit, scheduler and metrics rooms on PostgreSQL,
 * as {@code queue.PostgresQueryPlanTest} does for the queue: generic plans
 * ({@code plan_cache_mode = force_generic_plan}, as a reused prepared statement gets) over tables filled
 * with statistics, each served by the named index, never by a scan of the table. Results grow with jobs
 * (20,000 here); locks, windows and tasks grow with names (5,000 each here), so those are pinned too.
 * Not here: the maintenance statements that scan by design (pruneExpired, sweep) and the scheduler's
 * {@code due}/{@code soonest}, which read {@code _honker_scheduler_tasks} whole: one row per task, not per
 * job, and upstream's schema (which the PostgreSQL schema keeps index for index) has no index on
 * {@code next_fire_at}; {@link #dueAndSoonestReadOnlyTheTaskTable} shows they touch nothing else. The
 * metrics room's {@code consumerLag}: {@link #consumerLagCountsThroughTheTopicIndex}.
 */
class PostgresRoomsQueryPlanTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static Jdbi jdbi;

    @BeforeAll
    static void schema() {
        jdbi = PG.jdbi().installPlugin(new HonkerPlugin());
        jdbi.useHandle(h -> {
            Schema.bootstrap(h);
            h.execute("INSERT INTO _honker_results (job_id, value, created_at, expires_at)"
                    + " SELECT i, '{}', 1700000000, CASE WHEN i % 2 = 0 THEN 1700000000 + i END"
                    + " FROM generate_series(1, 20000) i");
            h.execute("INSERT INTO _honker_locks (name, owner, expires_at)"
                    + " SELECT 'lock-' || i, 'owner-' || i, 1700000000 + i FROM generate_series(1, 5000) i");
            h.execute("INSERT INTO _honker_rate_limits (name, window_start, count)"
                    + " SELECT 'limit-' || (i % 1000), 1700000000 + 60 * (i / 1000), 1 FROM generate_series(1, 5000) i");
            h.execute("INSERT INTO _honker_scheduler_tasks (name, queue, cron_expr, payload, next_fire_at)"
                    + " SELECT 'task-' || i, 'q', '@every 10s', '{}', 1700000000 + i FROM generate_series(1, 5000) i");
            h.execute("INSERT INTO _honker_live (queue, payload, state, run_at, worker_id, claim_expires_at,"
                    + " created_at) SELECT 'q' || (i % 10), '{}', CASE WHEN i % 10 = 0 THEN 'processing'"
                    + " ELSE 'pending' END, 1700000000 + i, CASE WHEN i % 10 = 0 THEN 'w' END,"
                    + " CASE WHEN i % 10 = 0 THEN 1700000030 + i END, 1700000000 FROM generate_series(1, 20000) i");
            h.execute("INSERT INTO _honker_stream (topic, payload, created_at)"
                    + " SELECT 't' || (i % 10), '{}', 1700000000 FROM generate_series(1, 20000) i");
            h.execute("INSERT INTO _honker_stream_consumers (name, topic, \"offset\")"
                    + " SELECT 'c' || i, 't' || (i % 10), 10000 FROM generate_series(1, 20) i");
            h.execute("ANALYZE");
        });
    }

    private static List<String> plan(String dao, String method) throws ClassNotFoundException {
        String sql = new EngineSqlLocator().locate(Class.forName("io.honkerj.jdbi." + dao), method, Engine.POSTGRES);
        PostgresStatements stmt = PostgresStatements.positional(sql);
        return jdbi.withHandle(h -> {
            h.execute("SET plan_cache_mode = force_generic_plan");
            h.execute("PREPARE honkerj_plan AS " + stmt.sql());
            try {
                String args = String.join(", ", Collections.nCopies(stmt.parameters(), "NULL"));
                return h.createQuery("EXPLAIN EXECUTE honkerj_plan" + (args.isEmpty() ? "" : "(" + args + ")"))
                        .mapTo(String.class).list();
            } finally {
                h.execute("DEALLOCATE honkerj_plan");
            }
        });
    }

    @ParameterizedTest(name = "{0}.{1} uses {2}")
    @CsvSource({
        "result.ResultDao, get, _honker_results_pkey",
        "result.ResultDao, save, _honker_results_pkey",
        "result.ResultDao, delete, _honker_results_pkey",
        "lock.LockDao, deleteExpired, _honker_locks_pkey",
        "lock.LockDao, insertIfAbsent, _honker_locks_pkey",
        "lock.LockDao, holder, _honker_locks_pkey",
        "lock.LockDao, release, _honker_locks_pkey",
        "lock.LockDao, renew, _honker_locks_pkey",
        "ratelimit.RateLimitDao, tryAcquire, _honker_rate_limits_pkey",
        "ratelimit.RateLimitDao, count, _honker_rate_limits_pkey",
        "ratelimit.RateLimitDao, deleteOldWindows, _honker_rate_limits_pkey",
        "scheduler.SchedulerDao, get, _honker_scheduler_tasks_pkey",
        "scheduler.SchedulerDao, add, _honker_scheduler_tasks_pkey",
        "scheduler.SchedulerDao, setNextFire, _honker_scheduler_tasks_pkey",
        "scheduler.SchedulerDao, pause, _honker_scheduler_tasks_pkey",
        "scheduler.SchedulerDao, resume, _honker_scheduler_tasks_pkey",
        "scheduler.SchedulerDao, unregister, _honker_scheduler_tasks_pkey",
    })
    void perOperationStatementsUseTheKeyAndNeverScanTheTable(String dao, String method, String index)
            throws Exception {
        List<String> plan = plan(dao, method);
        String joined = String.join("\n", plan);
        assertThat(plan).as(joined).noneMatch(line -> line.contains("Seq Scan"));
        assertThat(joined).contains(index);
    }

    /**
     * A consumer's lag is a range count on {@code _honker_stream_topic}, never a scan of the stream. (The
     * metrics' {@code jobCounts} is not pinned: it counts every pending job, most of {@code _honker_live}
     * since acked jobs leave it, and there PostgreSQL rightly prefers reading the table to an index that
     * is not index-only before a vacuum.)
     */
    @ParameterizedTest(name = "metrics {0} never scans _honker_stream")
    @CsvSource({"consumerLag"})
    void consumerLagCountsThroughTheTopicIndex(String method) throws Exception {
        List<String> plan = plan("metrics.MetricsDao", method);
        String joined = String.join("\n", plan);
        assertThat(plan).as(joined).noneMatch(line -> line.contains("Seq Scan on _honker_stream "));
        assertThat(joined).contains("_honker_stream_topic");
    }

    @ParameterizedTest(name = "scheduler {0} reads only _honker_scheduler_tasks")
    @CsvSource({"due", "soonest"})
    void dueAndSoonestReadOnlyTheTaskTable(String method) throws Exception {
        List<String> plan = plan("scheduler.SchedulerDao", method);
        String joined = String.join("\n", plan);
        assertThat(plan).as(joined).filteredOn(line -> line.contains(" on "))
                .allMatch(line -> line.contains("_honker_scheduler_tasks"));
    }
}
