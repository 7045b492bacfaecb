package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.honkerj.jdbi.postgres.PostgresStatements;
import io.honkerj.jdbi.schema.Schema;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link QueryPlanTest} on PostgreSQL: every hot statement of the queue can be served by one of upstream's
 * partial indexes (or the primary key), never by a scan of _honker_live, over a backlog of 20,000 jobs
 * with statistics. Generic plans ({@code plan_cache_mode = force_generic_plan}), as a reused prepared
 * statement gets, so the plan cannot depend on the values.
 */
class PostgresQueryPlanTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static Jdbi jdbi;

    @BeforeAll
    static void schema() {
        jdbi = PG.jdbi().installPlugin(new HonkerPlugin());
        jdbi.useHandle(h -> {
            Schema.bootstrap(h);
            // a backlog of 20,000 jobs in 10 queues (a tenth of them claimed, a few dead), with statistics,
            // so that the planner weighs indexes against a scan as it would in production
            h.execute("INSERT INTO _honker_live (queue, payload, state, run_at, worker_id, claim_expires_at,"
                    + " created_at) SELECT 'q' || (i % 10), '{}', CASE WHEN i % 10 = 0 THEN 'processing'"
                    + " ELSE 'pending' END, 1700000000 + i, CASE WHEN i % 10 = 0 THEN 'w' END,"
                    + " CASE WHEN i % 10 = 0 THEN 1700000030 + i END, 1700000000 FROM generate_series(1, 20000) i");
            h.execute("INSERT INTO _honker_dead (id, queue, payload) SELECT -i, 'q' || (i % 10), '{}'"
                    + " FROM generate_series(1, 100) i");
            h.execute("INSERT INTO _honkerj_unique_jobs (queue, unique_key, job_id) SELECT 'q' || (i % 10),"
                    + " 'k' || i, i FROM generate_series(1, 1000) i");
            h.execute("ANALYZE");
        });
    }

    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
        "deadLetterLapsedClaims, _honker_live_processing_deadline",
        "deleteLapsedClaims, _honker_live_processing_deadline",
        "claimBatch, _honker_live_claim",
        "claimableExists, _honker_live_pending_deadline",
        "claimableExists, _honker_live_processing_deadline",
        "ack, _honker_live_pkey",
        "ackBatch, _honker_live_pkey",
        "ackBatchIds, _honker_live_pkey",
        "retryToDead, _honker_live_pkey",
        "retryReschedule, _honker_live_pkey",
        "failToDead, _honker_live_pkey",
        "deleteLive, _honker_live_pkey",
        "heartbeat, _honker_live_pkey",
        "release, _honker_live_pkey",
        "cancel, _honker_live_pkey",
        "getJob, _honker_live_pkey",
        "liveJobs, _honker_live_claim",
        "uniqueJob, _honker_live_pkey",
        "nextClaimAt, _honker_live_pending_deadline",
        "nextClaimAt, _honker_live_processing_deadline",
        "stats, _honker_live_",
        "sweepToDead, _honker_live_",
        "purge, _honker_live_pending_deadline",
    })
    void hotStatementsUseAnIndexAndNeverScanTheLiveTable(String method, String index) {
        String sql = new EngineSqlLocator().locate(QueueDao.class, method, Engine.POSTGRES);
        PostgresStatements stmt = PostgresStatements.positional(sql);
        List<String> plan = jdbi.withHandle(h -> {
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
        String joined = String.join("\n", plan);
        assertThat(plan).as(joined).noneMatch(line -> line.contains("Seq Scan on _honker_live"));
        assertThat(joined).contains(index);
        if (method.equals("claimBatch") || method.equals("liveJobs")) {
            assertThat(plan).as("walked in the index's order, no sort:\n" + joined)
                    .noneMatch(line -> line.contains("Sort"));
        }
    }
}
