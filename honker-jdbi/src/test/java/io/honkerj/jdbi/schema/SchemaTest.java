package io.honkerj.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema must be upstream's, name for name, column for column, so other honker processes share the file.
 * The expected text below is upstream honker-core 0.4's DDL, normalized for whitespace.
 */
class SchemaTest {
    @TempDir
    Path dir;

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("_honker_live", "CREATE TABLE _honker_live ( id INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " queue TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending',"
                    + " priority INTEGER NOT NULL DEFAULT 0, run_at INTEGER NOT NULL DEFAULT (unixepoch()),"
                    + " worker_id TEXT, claim_expires_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
                    + " max_attempts INTEGER NOT NULL DEFAULT 3, created_at INTEGER NOT NULL DEFAULT (unixepoch()),"
                    + " expires_at INTEGER )"),
            Map.entry("_honker_live_claim", "CREATE INDEX _honker_live_claim ON _honker_live(queue, priority DESC,"
                    + " run_at, id) WHERE state IN ('pending', 'processing')"),
            Map.entry("_honker_live_pending_deadline", "CREATE INDEX _honker_live_pending_deadline ON"
                    + " _honker_live(queue, run_at) WHERE state = 'pending'"),
            Map.entry("_honker_live_processing_deadline", "CREATE INDEX _honker_live_processing_deadline ON"
                    + " _honker_live(queue, claim_expires_at) WHERE state = 'processing'"),
            Map.entry("_honker_dead", "CREATE TABLE _honker_dead ( id INTEGER PRIMARY KEY, queue TEXT NOT NULL,"
                    + " payload TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0, run_at INTEGER NOT NULL DEFAULT 0,"
                    + " attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 0,"
                    + " last_error TEXT, created_at INTEGER NOT NULL DEFAULT (unixepoch()),"
                    + " died_at INTEGER NOT NULL DEFAULT (unixepoch()) )"),
            Map.entry("_honker_locks", "CREATE TABLE _honker_locks ( name TEXT PRIMARY KEY, owner TEXT NOT NULL,"
                    + " expires_at INTEGER NOT NULL )"),
            Map.entry("_honker_rate_limits", "CREATE TABLE _honker_rate_limits ( name TEXT NOT NULL,"
                    + " window_start INTEGER NOT NULL, count INTEGER NOT NULL DEFAULT 0,"
                    + " PRIMARY KEY (name, window_start) )"),
            Map.entry("_honker_scheduler_tasks", "CREATE TABLE _honker_scheduler_tasks ( name TEXT PRIMARY KEY,"
                    + " queue TEXT NOT NULL, cron_expr TEXT NOT NULL, payload TEXT NOT NULL,"
                    + " priority INTEGER NOT NULL DEFAULT 0, expires_s INTEGER, next_fire_at INTEGER NOT NULL,"
                    + " enabled INTEGER NOT NULL DEFAULT 1, max_attempts INTEGER NOT NULL DEFAULT 3 )"),
            Map.entry("_honker_results", "CREATE TABLE _honker_results ( job_id INTEGER PRIMARY KEY, value TEXT,"
                    + " created_at INTEGER NOT NULL DEFAULT (unixepoch()), expires_at INTEGER )"),
            Map.entry("_honker_stream", "CREATE TABLE _honker_stream ( offset INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " topic TEXT NOT NULL, key TEXT, payload TEXT NOT NULL,"
                    + " created_at INTEGER NOT NULL DEFAULT (unixepoch()) )"),
            Map.entry("_honker_stream_topic", "CREATE INDEX _honker_stream_topic ON _honker_stream(topic, offset)"),
            Map.entry("_honker_stream_consumers", "CREATE TABLE _honker_stream_consumers ( name TEXT NOT NULL,"
                    + " topic TEXT NOT NULL, offset INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (name, topic) )"),
            Map.entry("_honker_notifications", "CREATE TABLE _honker_notifications ("
                    + " id INTEGER PRIMARY KEY AUTOINCREMENT, channel TEXT NOT NULL, payload TEXT NOT NULL,"
                    + " created_at INTEGER NOT NULL DEFAULT (unixepoch()) )"),
            Map.entry("_honker_notifications_recent", "CREATE INDEX _honker_notifications_recent ON"
                    + " _honker_notifications(channel, id)"));

    private static String normalize(String ddl) {
        return ddl.replace(" IF NOT EXISTS", "")
                .replaceAll("\\s+", " ")
                .replace("( ", "(").replace(" )", ")")
                .replace("(", "( ").replace(")", " )")
                .replaceAll("\\s+", " ")
                .trim();
    }

    @Test
    void sqliteMasterMatchesUpstreamDdl() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("schema.db"))) {
            List<Map<String, Object>> rows = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT name, sql FROM sqlite_master WHERE name LIKE '\\_honker\\_%' ESCAPE '\\' AND sql IS NOT NULL")
                    .mapToMap().list());
            assertThat(rows).extracting(r -> (String) r.get("name"))
                    .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
            for (Map<String, Object> row : rows) {
                String name = (String) row.get("name");
                assertThat(normalize((String) row.get("sql"))).as(name).isEqualTo(normalize(EXPECTED.get(name)));
            }
        }
    }

    @Test
    void bootstrapIsIdempotentAndKeepsData() {
        Path file = dir.resolve("twice.db");
        try (JdbiHonker first = Honkers.open(file)) {
            first.queue("q").enqueue("kept");
        }
        try (JdbiHonker second = Honkers.open(file)) {
            assertThat(second.queue("q").stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void migratesAnOldSchedulerTableWithoutEnabledAndMaxAttempts() {
        Path file = dir.resolve("old.db");
        Jdbi raw = Jdbi.create("jdbc:sqlite:" + file);
        raw.useHandle(h -> h.execute("CREATE TABLE _honker_scheduler_tasks (name TEXT PRIMARY KEY, queue TEXT NOT NULL,"
                + " cron_expr TEXT NOT NULL, payload TEXT NOT NULL, priority INTEGER NOT NULL DEFAULT 0,"
                + " expires_s INTEGER, next_fire_at INTEGER NOT NULL)"));
        raw.useHandle(h -> h.execute("INSERT INTO _honker_scheduler_tasks (name, queue, cron_expr, payload,"
                + " next_fire_at) VALUES ('t', 'q', '* * * * *', '{}', 60)"));
        try (JdbiHonker honker = Honkers.open(file)) {
            Map<String, Object> row = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT enabled, max_attempts FROM _honker_scheduler_tasks WHERE name = 't'").mapToMap().one());
            assertThat(row).containsEntry("enabled", 1).containsEntry("max_attempts", 3);
        }
    }

    @Test
    void connectionsCarryUpstreamPragmas() {
        try (JdbiHonker honker = Honkers.open(dir.resolve("pragmas.db"))) {
            honker.inTransaction((h, x) -> {
                assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
                assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(1);
                // busy_timeout = 5000 is applied, then superseded by EagerBusyHandler (same 5 s budget),
                // which is why SQLite reports 0 here.
                assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isZero();
                assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                assertThat(h.createQuery("PRAGMA cache_size").mapTo(Integer.class).one()).isEqualTo(-32000);
                assertThat(h.createQuery("PRAGMA temp_store").mapTo(Integer.class).one()).isEqualTo(2);
                assertThat(h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one()).isEqualTo(100000); // upstream 10000: see pragmas.sql
                return null;
            });
        }
    }
}
