package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim cost must not grow with the backlog: every hot statement is served by one of upstream's partial
 * indexes, with no full scan of _honker_live and no sort of its rows.
 */
class QueryPlanTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
        "enqueue, ''",
        "enqueueAll, ''",
        "deadLetterLapsedClaims, _honker_live_processing_deadline",
        "deleteLapsedClaims, _honker_live_processing_deadline",
        "claimBatch, _honker_live_claim",
        "claimableExists, _honker_live_pending_deadline",
        "claimableExists, _honker_live_processing_deadline",
        "ack, INTEGER PRIMARY KEY",
        "ackBatch, INTEGER PRIMARY KEY",
        "ackBatchIds, INTEGER PRIMARY KEY",
        "retryToDead, INTEGER PRIMARY KEY",
        "retryReschedule, INTEGER PRIMARY KEY",
        "failToDead, INTEGER PRIMARY KEY",
        "deleteLive, INTEGER PRIMARY KEY",
        "heartbeat, INTEGER PRIMARY KEY",
        "release, INTEGER PRIMARY KEY",
        "cancel, INTEGER PRIMARY KEY",
        "getJob, INTEGER PRIMARY KEY",
        "liveJobs, _honker_live_claim",
        "uniqueJob, INTEGER PRIMARY KEY",
        "nextClaimAt, _honker_live_pending_deadline",
        "nextClaimAt, _honker_live_processing_deadline",
        "stats, _honker_live_pending_deadline",
        "stats, _honker_live_processing_deadline",
        "sweepToDead, _honker_live_claim",
        "purge, _honker_live_pending_deadline",
    })
    void hotStatementsUseAnIndexAndNeverScanTheLiveTable(String method, String index) {
        String sql = ClasspathSqlLocator.removingComments().locate(QueueDao.class, method);
        try (JdbiHonker honker = Honkers.open(dir.resolve("plan.db"))) {
            List<String> plan = honker.jdbi().withHandle(h -> {
                var q = h.createQuery("EXPLAIN QUERY PLAN " + sql);
                for (String name : List.of("queue", "workerId", "n", "leaseSeconds", "now", "id", "ids", "error",
                        "runAt", "leaseUntil", "payload", "payloads", "priority", "maxAttempts", "expiresAt",
                        "deadId", "limit", "key")) {
                    if (sql.contains(":" + name)) {
                        q.bind(name, name.equals("queue") || name.equals("workerId") ? "q" : name.equals("ids")
                                || name.equals("payloads") ? "[1]" : "1");
                    }
                }
                return q.mapToMap().list().stream().map(r -> (String) r.get("detail")).toList();
            });
            String joined = String.join("\n", plan);
            assertThat(plan).noneMatch(line -> line.startsWith("SCAN _honker_live"));
            assertThat(plan).noneMatch(line -> line.contains("TEMP B-TREE"));
            assertThat(joined).contains(index);
        }
    }

    @ParameterizedTest
    @CsvSource({"deadJobs", "purgeDead"})
    void deadLetterStatementsScanOnlyTheDeadTable(String method) {
        String sql = ClasspathSqlLocator.removingComments().locate(QueueDao.class, method);
        try (JdbiHonker honker = Honkers.open(dir.resolve("plan.db"))) {
            List<Map<String, Object>> plan = honker.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + sql)
                    .bind("queue", "q").bind("limit", 5).mapToMap().list());
            assertThat(plan).extracting(r -> (String) r.get("detail")).noneMatch(d -> d.contains("_honker_live"));
        }
    }
}
