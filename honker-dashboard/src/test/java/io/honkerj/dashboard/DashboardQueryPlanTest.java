package io.honkerj.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dashboard reads while the application works: its statements read _honker_live only through an index
 * (the partial indexes or the primary key), never by scanning the whole table.
 */
class DashboardQueryPlanTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
        "queues, _honker_live_pending_deadline",
        "queues, _honker_live_processing_deadline",
        "liveJobs, _honker_live_claim",
        "liveJob, INTEGER PRIMARY KEY",
        "deadJob, INTEGER PRIMARY KEY",
        "deleteDead, INTEGER PRIMARY KEY",
        "topics, _honker_stream_topic",
        "consumers, _honker_stream_topic",
    })
    void readsUseAnIndex(String method, String index) {
        String sql = ClasspathSqlLocator.removingComments().locate(DashboardDao.class, method);
        try (JdbiHonker honker = Honkers.open(dir.resolve("plan.db"))) {
            List<String> plan = honker.jdbi().withHandle(h -> {
                var q = h.createQuery("EXPLAIN QUERY PLAN " + sql);
                for (String name : List.of("queue", "state", "now", "id", "limit")) {
                    if (sql.contains(":" + name)) {
                        q.bind(name, name.equals("queue") || name.equals("state") ? "q" : "1");
                    }
                }
                return q.mapToMap().list().stream().map(r -> (String) r.get("detail")).toList();
            });
            assertThat(plan).as(String.join("\n", plan))
                    .noneMatch(line -> line.matches("SCAN _honker_live( .*)?") && !line.contains("INDEX"));
            assertThat(String.join("\n", plan)).contains(index);
        }
    }
}
