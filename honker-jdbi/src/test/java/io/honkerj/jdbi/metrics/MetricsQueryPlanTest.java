package io.honkerj.jdbi.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A metrics refresh reads _honker_live and the stream only through their indexes. */
class MetricsQueryPlanTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
        "jobCounts, _honker_live_pending_deadline",
        "jobCounts, _honker_live_processing_deadline",
        "consumerLag, _honker_stream_topic",
    })
    void readsUseAnIndex(String method, String index) {
        String sql = ClasspathSqlLocator.removingComments().locate(MetricsDao.class, method);
        try (JdbiHonker honker = Honkers.open(dir.resolve("plan.db"))) {
            List<String> plan = honker.jdbi().withHandle(h -> {
                var q = h.createQuery("EXPLAIN QUERY PLAN " + sql);
                if (sql.contains(":now")) {
                    q.bind("now", 1);
                }
                return q.mapToMap().list().stream().map(r -> (String) r.get("detail")).toList();
            });
            assertThat(plan).as(String.join("\n", plan))
                    .noneMatch(line -> line.matches("SCAN _honker_(live|stream)( .*)?") && !line.contains("INDEX"));
            assertThat(String.join("\n", plan)).contains(index);
        }
    }
}
