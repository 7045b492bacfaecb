package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.ScheduledTask;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard module's statements ({@code io/honkerj/dashboard/DashboardDao} in honker-sql) give the same
 * rows on PostgreSQL as on SQLite: the same jobs, dead jobs, lock, rate-limit window and task written
 * through the API into a SQLite file and into a PostgreSQL schema, then every read the dashboard makes,
 * run with the same parameters on both (its PostgreSQL file where it has one, as the engine locator
 * picks), compared row for row (numbers as long: the drivers type them differently). The dashboard's own
 * tests run on SQLite; this is its SQL on PostgreSQL, from the module that has the embedded server.
 */
class PostgresDashboardSqlTest {
    static final long T0 = 1_700_000_000L;
    static final String FOLDER = "io/honkerj/dashboard/DashboardDao/";

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    final HonkerExtension sqlite = new HonkerExtension(T0);

    @RegisterExtension
    final HonkerExtension postgres = HonkerExtension.postgres(T0, PG);

    long deadId;

    @BeforeEach
    void sameWritesOnBoth() {
        deadId = fill(sqlite);
        assertThat(fill(postgres)).isEqualTo(deadId);
    }

    /** Writes the same state through the API; returns the dead job's id. */
    private static long fill(HonkerExtension db) {
        JdbiHonker honker = db.honker();
        Queue q = honker.queue("q");
        q.enqueue(Map.of("n", 1));
        q.enqueue(Map.of("n", 2), EnqueueOptions.defaults().withPriority(5));
        q.enqueue(Map.of("n", 3), EnqueueOptions.defaults().withDelay(Duration.ofSeconds(30)));
        long dead = honker.queue("fragile").enqueue("x", EnqueueOptions.defaults().withMaxAttempts(1));
        Job claimed = q.claimOne("w1").orElseThrow();
        assertThat(claimed.priority()).isEqualTo(5);
        Job failing = honker.queue("fragile").claimOne("w2").orElseThrow();
        db.clock().tick(Duration.ofSeconds(2));
        assertThat(failing.fail("boom")).isTrue();
        honker.tryLock("nightly", "host-a", Duration.ofSeconds(60)).orElseThrow();
        honker.rateLimiter("api", 5, Duration.ofSeconds(60)).tryAcquire();
        honker.scheduler().add(ScheduledTask.of("tick", "q", "@every 10s", Map.of("k", "v")));
        return dead;
    }

    @Test
    void everyReadGivesTheSameRowsOnBothEngines() {
        long now = T0 + 2;
        same("queues", Map.of("now", now));
        same("totals", Map.of());
        same("liveJobs", params("queue", "q", "state", null, "limit", 50));
        same("liveJobs", params("queue", "q", "state", "pending", "limit", 50));
        same("deadJobs", params("queue", null, "limit", 50));
        same("deadJobs", params("queue", "fragile", "limit", 50));
        same("liveJob", Map.of("id", 1L));
        same("deadJob", Map.of("id", deadId));
        same("topics", Map.of());
        same("consumers", Map.of());
        same("tasks", Map.of());
        same("locks", Map.of());
        same("rateLimitWindows", Map.of("limit", 50));
        List<Map<String, Object>> totals = rows(postgres, statement("totals", true), Map.of());
        assertThat(totals.get(0)).containsEntry("last_id", 4L).containsEntry("live", 3L).containsEntry("dead", 1L);
    }

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private void same(String name, Map<String, Object> params) {
        List<Map<String, Object>> onSqlite = rows(sqlite, statement(name, false), params);
        List<Map<String, Object>> onPostgres = rows(postgres, statement(name, true), params);
        assertThat(onPostgres).as(name + " " + params).isEqualTo(onSqlite);
    }

    private static List<Map<String, Object>> rows(HonkerExtension db, String sql, Map<String, Object> params) {
        return db.honker().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            params.forEach(query::bind);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> row : query.mapToMap().list()) {
                Map<String, Object> normal = new LinkedHashMap<>(row);
                normal.replaceAll((k, v) -> v instanceof Number n ? (Object) n.longValue() : v);
                out.add(normal);
            }
            return out;
        });
    }

    /** The statement the engine locator would pick: PostgreSQL's own file if there is one. */
    private static String statement(String name, boolean postgres) {
        String path = FOLDER + (postgres && PostgresDashboardSqlTest.class.getClassLoader()
                .getResource(FOLDER + "postgres/" + name + ".sql") != null ? "postgres/" : "")
                + name + ".sql";
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        return PostgresDashboardSqlTest.class.getClassLoader().getResourceAsStream(path);
    }
}
