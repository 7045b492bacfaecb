package io.honkerj.jdbi.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Job;
import io.honkerj.api.StreamEvent;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL written for upstream honker runs on plugin connections, and interoperates with the Java api. */
class HonkerFunctionsTest {
    @TempDir
    Path dir;

    JdbiHonker honker;

    @BeforeEach
    void open() {
        honker = Honkers.open(dir.resolve("functions.db"));
    }

    @AfterEach
    void close() {
        honker.close();
    }

    private <T> T sql(String query, Class<T> type) {
        return honker.jdbi().withHandle(h -> h.createQuery(query).mapTo(type).one());
    }

    @Test
    void enqueueClaimAckThroughSqlWithUpstreamJsonShapes() {
        assertThat(sql("SELECT honker_bootstrap()", Long.class)).isEqualTo(1);
        long id = sql("SELECT honker_enqueue('emails', '{\"to\":\"a@x\"}', NULL, NULL, 0, 3, NULL)", Long.class);
        String claimed = sql("SELECT honker_claim_batch('emails', 'sql-worker', 10, 60)", String.class);
        assertThat(claimed).matches("\\[\\{\"attempts\":1,\"claim_expires_at\":\\d+,\"id\":" + id
                + ",\"payload\":\"\\{\\\\\"to\\\\\":\\\\\"a@x\\\\\"}\",\"queue\":\"emails\",\"worker_id\":\"sql-worker\"}]");
        assertThat(sql("SELECT honker_get_job(" + id + ")", String.class))
                .startsWith("{\"attempts\":1,\"claim_expires_at\":").contains("\"state\":\"processing\"");
        assertThat(sql("SELECT honker_ack(" + id + ", 'someone-else')", Long.class)).isZero();
        assertThat(sql("SELECT honker_ack(" + id + ", 'sql-worker')", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_get_job(" + id + ")", String.class)).isEmpty();
        assertThat(sql("SELECT honker_claim_batch('emails', 'w', 10, 60)", String.class)).isEqualTo("[]");
    }

    @Test
    void sqlAndJavaShareJobsBothWays() {
        long fromSql = sql("SELECT honker_enqueue('q', '\"from sql\"', NULL, NULL, 5, 3, NULL)", Long.class);
        Job job = honker.queue("q").claimOne("java").orElseThrow();
        assertThat(job.id()).isEqualTo(fromSql);
        assertThat(job.priority()).isEqualTo(5);
        assertThat(job.ack()).isTrue();

        long fromJava = honker.queue("q").enqueue("from java");
        assertThat(sql("SELECT honker_claim_batch('q', 'sql', 1, 30)", String.class)).contains("\"id\":" + fromJava);
        assertThat(sql("SELECT honker_ack_batch('[" + fromJava + "]', 'sql')", Long.class)).isEqualTo(1);
    }

    @Test
    void retryFailHeartbeatCancelNextClaimAtAndSweep() {
        long a = sql("SELECT honker_enqueue('q', '1', NULL, NULL, 0, 1, NULL)", Long.class);
        sql("SELECT honker_claim_batch('q', 'w', 1, 60)", String.class);
        assertThat(sql("SELECT honker_heartbeat(" + a + ", 'w', 120)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_retry(" + a + ", 'w', 0, 'boom')", Long.class)).as("last attempt: dead").isEqualTo(1);
        assertThat(honker.queue("q").deadJobs(1)).singleElement().satisfies(d -> assertThat(d.lastError()).isEqualTo("boom"));

        long b = sql("SELECT honker_enqueue('q', '2', NULL, 3600, 0, 3, NULL)", Long.class);
        assertThat(sql("SELECT honker_queue_next_claim_at('q')", Long.class)).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(sql("SELECT honker_cancel(" + b + ")", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_queue_next_claim_at('q')", Long.class)).isZero();

        long c = sql("SELECT honker_enqueue('q', '3', NULL, NULL, 0, 3, NULL)", Long.class);
        sql("SELECT honker_claim_batch('q', 'w', 1, 60)", String.class);
        assertThat(sql("SELECT honker_fail(" + c + ", 'w', 'bad')", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_sweep_expired('q')", Long.class)).isZero();
    }

    @Test
    void locksRateLimitsResultsAndStreamsThroughSql() {
        assertThat(sql("SELECT honker_lock_acquire('l', 'a', 60)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_lock_acquire('l', 'b', 60)", Long.class)).isZero();
        assertThat(honker.tryLock("l", "c", Duration.ofSeconds(5))).isEmpty();
        assertThat(sql("SELECT honker_lock_renew('l', 'a', 60)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_lock_release('l', 'a')", Long.class)).isEqualTo(1);

        assertThat(sql("SELECT honker_rate_limit_try('r', 1, 3600)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_rate_limit_try('r', 1, 3600)", Long.class)).isZero();
        assertThat(sql("SELECT honker_rate_limit_sweep(0)", Long.class)).isGreaterThanOrEqualTo(0);

        assertThat(sql("SELECT honker_result_save(9, '{\"ok\":true}', 60)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_result_get(9)", String.class)).isEqualTo("{\"ok\":true}");
        assertThat(honker.results().getJson(9)).contains("{\"ok\":true}");
        assertThat(sql("SELECT honker_result_get(10) IS NULL", Boolean.class)).isTrue();
        assertThat(sql("SELECT honker_result_sweep()", Long.class)).isZero();

        long offset = sql("SELECT honker_stream_publish('t', 'k', '{\"n\":1}')", Long.class);
        assertThat(honker.stream("t").readSince(0, 10)).extracting(StreamEvent::offset).containsExactly(offset);
        assertThat(sql("SELECT honker_stream_read_since('t', 0, 10)", String.class))
                .matches("\\[\\{\"created_at\":\\d+,\"key\":\"k\",\"offset\":" + offset + ",\"payload\":\"\\{\\\\\"n\\\\\":1}\",\"topic\":\"t\"}]");
        assertThat(sql("SELECT honker_stream_save_offset('c', 't', " + offset + ")", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_stream_get_offset('c', 't')", Long.class)).isEqualTo(offset);
        assertThat(honker.stream("t").getOffset("c")).isEqualTo(offset);
    }

    @Test
    void argumentsAreStrictlyTypedAndUpstreamsErrorsKeepTheirMessages() {
        assertThatThrownBy(() -> sql("SELECT honker_enqueue('q', 1, NULL, NULL, 0, 3, NULL)", Long.class))
                .hasMessageContaining("Invalid function parameter type");
        assertThatThrownBy(() -> sql("SELECT honker_claim_batch('q', 'w', 1.5, 60)", String.class))
                .hasMessageContaining("Invalid function parameter type");
        assertThatThrownBy(() -> sql("SELECT honker_lock_renew('l', 'a', 0)", Long.class))
                .hasMessageContaining("ttl_s must be positive");
        assertThatThrownBy(() -> sql("SELECT honker_rate_limit_try('r', 0, 60)", Long.class))
                .hasMessageContaining("limit and per must be positive");
        assertThat(honker.queue("q").stats().pending()).isZero();
    }

    private long count(String sql) {
        return sql(sql, Long.class);
    }

    /** Inputs upstream accepts, and the Java API refuses, give upstream's results (honker_ops.rs at 54af9ac5). */
    @Test
    void inputsUpstreamAcceptsGiveUpstreamsResults() {
        // claim_batch lists rows in its UPDATE ... RETURNING order (by id), not by priority
        long mid = sql("SELECT honker_enqueue('o', '\"mid\"', NULL, NULL, 5, 3, NULL)", Long.class);
        long high = sql("SELECT honker_enqueue('o', '\"high\"', NULL, NULL, 10, 3, NULL)", Long.class);
        long low = sql("SELECT honker_enqueue('o', '\"low\"', NULL, NULL, 0, 3, NULL)", Long.class);
        String claimed = sql("SELECT honker_claim_batch('o', 'w', 2, 60)", String.class);
        assertThat(claimed).contains("\"id\":" + high).contains("\"id\":" + mid).doesNotContain("\"id\":" + low + ",");
        assertThat(claimed.indexOf("\"id\":" + mid)).as("by id, as upstream's RETURNING")
                .isLessThan(claimed.indexOf("\"id\":" + high));
        // n < 0 claims every claimable row (LIMIT -1), n = 0 none
        assertThat(sql("SELECT honker_claim_batch('o', 'w', 0, 60)", String.class)).isEqualTo("[]");
        assertThat(sql("SELECT honker_claim_batch('o', 'w', -1, 60)", String.class)).contains("\"id\":" + low);

        // a result saved with ttl 0 (or less) never expires
        assertThat(sql("SELECT honker_result_save(5, '\"kept\"', 0)", Long.class)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM _honker_results WHERE job_id = 5 AND expires_at IS NULL")).isEqualTo(1);
        assertThat(sql("SELECT honker_result_get(5)", String.class)).isEqualTo("\"kept\"");
        assertThat(honker.results().getJson(5)).contains("\"kept\"");
        assertThat(sql("SELECT honker_result_save(5, '\"again\"', -3)", Long.class)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM _honker_results WHERE job_id = 5 AND expires_at IS NULL")).isEqualTo(1);

        // enqueue: negative delay is due at once, max_attempts 0 is dead-lettered by the next claim's pre-pass
        long early = sql("SELECT honker_enqueue('e', '1', NULL, -30, 0, 3, NULL)", Long.class);
        assertThat(count("SELECT run_at < unixepoch() FROM _honker_live WHERE id = " + early)).isEqualTo(1);
        long never = sql("SELECT honker_enqueue('z', '1', NULL, NULL, 0, 0, NULL)", Long.class);
        assertThat(sql("SELECT honker_claim_batch('z', 'w', 1, 60)", String.class)).isEqualTo("[]");
        assertThat(sql("SELECT last_error FROM _honker_dead WHERE id = " + never, String.class))
                .isEqualTo("max attempts exceeded");

        // a lock ttl of 0 is granted (and free for anyone at once), renew revives a lapsed row of the same owner
        assertThat(sql("SELECT honker_lock_acquire('l', 'a', 0)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_lock_renew('l', 'a', 30)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_lock_acquire('l', 'b', 30)", Long.class)).isZero();

        // heartbeat with 0 and retry with a negative delay are accepted
        long job = sql("SELECT honker_enqueue('h', '1', NULL, NULL, 0, 3, NULL)", Long.class);
        sql("SELECT honker_claim_batch('h', 'hw', 1, 60)", String.class);
        assertThat(sql("SELECT honker_heartbeat(" + job + ", 'hw', 0)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_retry(" + job + ", 'hw', -5, 'err')", Long.class)).isEqualTo(1);
        assertThat(count("SELECT run_at < unixepoch() FROM _honker_live WHERE id = " + job)).isEqualTo(1);

        // read_since: limit 0 reads nothing, a negative limit everything
        sql("SELECT honker_stream_publish('s', NULL, '1')", Long.class);
        sql("SELECT honker_stream_publish('s', NULL, '2')", Long.class);
        assertThat(sql("SELECT honker_stream_read_since('s', 0, 0)", String.class)).isEqualTo("[]");
        assertThat(sql("SELECT json_array_length(honker_stream_read_since('s', 0, -1))", Long.class)).isEqualTo(2);

        // scheduler max_attempts below 1 is clamped to 1, in register and update alike
        assertThat(sql("SELECT honker_scheduler_register('m', 'q', '@every 5s', '1', 0, NULL, 0)", Long.class))
                .isEqualTo(1);
        assertThat(count("SELECT max_attempts FROM _honker_scheduler_tasks WHERE name = 'm'")).isEqualTo(1);
        assertThat(sql("SELECT honker_scheduler_update('m', NULL, NULL, NULL, NULL, 0, -4, 1)", Long.class))
                .isEqualTo(1);
        assertThat(count("SELECT max_attempts FROM _honker_scheduler_tasks WHERE name = 'm'")).isEqualTo(1);
    }

    @Test
    void schedulerTickFiresTasksInTableOrderAsUpstream() {
        long now = System.currentTimeMillis() / 1000;
        sql("SELECT honker_scheduler_register('zeta', 'q', '@every 1s', '1', 0, NULL)", Long.class);
        sql("SELECT honker_scheduler_register('alpha', 'q', '@every 1s', '2', 0, NULL)", Long.class);
        String fired = sql("SELECT honker_scheduler_tick(" + (now + 10) + ")", String.class);
        assertThat(fired.indexOf("\"zeta\"")).isNotNegative().isLessThan(fired.indexOf("\"alpha\""));
    }

    @Test
    void bootstrapRunsUpstreamsSchedulerMigrations() {
        honker.jdbi().useHandle(h -> {
            h.execute("ALTER TABLE _honker_scheduler_tasks DROP COLUMN max_attempts");
            h.execute("ALTER TABLE _honker_scheduler_tasks DROP COLUMN enabled");
        });
        assertThat(sql("SELECT honker_bootstrap()", Long.class)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pragma_table_info('_honker_scheduler_tasks') "
                + "WHERE name IN ('enabled', 'max_attempts')")).isEqualTo(2);
    }

    @Test
    void schedulerAndCronFunctionsShareTasksWithTheJavaScheduler() {
        long now = System.currentTimeMillis() / 1000;
        assertThat(sql("SELECT honker_cron_next_after('@every 10s', 100)", Long.class)).isEqualTo(110);
        assertThatThrownBy(() -> sql("SELECT honker_cron_next_after('0 25 * * *', 0)", Long.class))
                .hasMessageContaining("hour value 25");
        assertThat(sql("SELECT honker_scheduler_register('t', 'q', '@every 1s', '\"x\"', 2, NULL)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_scheduler_register('u', 'q', '0 0 1 1 *', '1', 0, 60, 5)", Long.class)).isEqualTo(1);
        assertThat(honker.scheduler().list()).extracting(io.honkerj.api.ScheduledTaskInfo::name).containsExactly("t", "u");
        assertThat(sql("SELECT honker_scheduler_list()", String.class))
                .startsWith("[{\"cron_expr\":\"@every 1s\",\"enabled\":true,\"expires_s\":null,\"max_attempts\":3,\"name\":\"t\"");
        long next = honker.scheduler().list().get(0).nextFireAt().getEpochSecond();
        assertThat(next).isBetween(now + 1, now + 2);
        assertThat(sql("SELECT honker_scheduler_soonest()", Long.class)).isEqualTo(next);
        String fired = sql("SELECT honker_scheduler_tick(" + (next + 2) + ")", String.class);
        assertThat(fired).contains("\"fire_at\":" + next).contains("\"fire_at\":" + (next + 2)).contains("\"name\":\"t\"");
        assertThat(honker.queue("q").stats().pending()).isEqualTo(3);
        assertThat(sql("SELECT honker_scheduler_pause('t')", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_scheduler_resume('t')", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_scheduler_update('u', NULL, NULL, 7, NULL, 0)", Long.class)).isEqualTo(1);
        assertThat(sql("SELECT honker_scheduler_update('u', NULL, NULL, NULL, NULL, 0)", Long.class)).as("nothing to change").isZero();
        assertThat(sql("SELECT honker_scheduler_update('missing', '* * * * *', NULL, NULL, NULL, 0)", Long.class)).isZero();
        assertThat(honker.scheduler().list().get(1).priority()).isEqualTo(7);
        assertThat(sql("SELECT honker_scheduler_unregister('u')", Long.class)).isEqualTo(1);
    }
}
