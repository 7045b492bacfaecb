package io.honkerj.jdbi.move;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Enqueued;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.ScheduledTask;
import io.honkerj.api.Scheduler;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.honkerj.jdbi.testing.SettableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link HonkerCopy} from a real SQLite file, filled through the public API, into a real (embedded)
 * PostgreSQL: the rows arrive as stored (checked with plain reads on both sides), the file is left as it
 * was, and a honker opened on PostgreSQL carries on with them through the same API. Each test copies into a
 * fresh schema of the class's database.
 *
 * <p>The rooms whose PostgreSQL statements other branches bring (scheduler, stream, results, rate limits)
 * are checked through their public API in {@link PostgresRoomsAfterCopyTest}; here their rows are checked
 * with plain reads.
 */
class HonkerCopyTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static final Instant T0 = Instant.parse("2026-11-28T21:17:30Z");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @TempDir
    Path dir;

    SettableClock clock;
    Path file;
    Filled filled;
    String schema;
    Jdbi target;

    /** The ids and offsets the filled file handed out. */
    record Filled(long e1, long e2, long delayed, long claimed, long dead, long unique, long held, long done,
            List<Long> orders) {}

    @BeforeEach
    void fillAFileAndMakeAnEmptySchema() {
        clock = SettableClock.at(T0);
        file = dir.resolve("app.db");
        filled = fill(file, clock);
        target = freshSchema();
    }

    /** Fills a file through the public API with every kind of row the copy carries, and some it does not. */
    static Filled fill(Path file, SettableClock clock) {
        try (JdbiHonker honker = Honkers.builder(file).clock(clock).open()) {
            Queue emails = honker.queue("emails");
            long e1 = emails.enqueue(Map.of("to", "alice@example.com"), EnqueueOptions.defaults().withPriority(5));
            long e2 = emails.enqueueJson("{ \"to\" : \"bob@example.com\",  \"note\": \"caf\u00e9 \\u00e9\" }", EnqueueOptions.defaults());
            long delayed = emails.enqueue(Map.of("to", "carol@example.com"), EnqueueOptions.defaults()
                    .withDelay(Duration.ofMinutes(10)).withMaxAttempts(7).withExpiresIn(Duration.ofDays(1)));
            Queue reports = honker.queue("reports");
            long claimed = reports.enqueue(Map.of("report", "monthly"));
            long dead = reports.enqueue(Map.of("report", "broken"), EnqueueOptions.defaults().withMaxAttempts(1));
            assertThat(reports.claimOne("old-host").orElseThrow().id()).isEqualTo(claimed); // stays claimed
            Job doomed = reports.claimOne("old-host").orElseThrow();
            assertThat(doomed.fail("renderer unavailable")).isTrue();
            long unique = honker.queue("invoices").enqueueUnique(Map.of("invoice", 42),
                    EnqueueOptions.defaults().withUniqueKey("invoice-42")).id();
            Queue hold = honker.queue("hold");
            long held = hold.enqueue("waits for resume");
            hold.pause();
            Queue done = honker.queue("done");
            long doneId = done.enqueue("with a result");
            assertThat(done.claimOne("old-host").orElseThrow().ack(Map.of("url", "s3://r/1"), Duration.ofHours(1)))
                    .isTrue();

            Scheduler scheduler = honker.scheduler(ZoneOffset.UTC);
            scheduler.add(ScheduledTask.of("nightly", "reports", "0 3 * * *", Map.of("report", "daily")));
            scheduler.add(ScheduledTask.of("paused", "reports", "@every 30s", Map.of("report", "ping")));
            scheduler.pause("paused");

            List<Long> orders = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                orders.add(honker.stream("orders").publish("order-" + i, Map.of("n", i)));
                honker.stream("payments").publish(Map.of("n", i));
            }
            honker.stream("orders").saveOffset("billing", orders.get(1)); // billing read 2 events
            honker.stream("orders").saveOffset("audit", orders.get(3));   // audit read 4

            for (int i = 0; i < 3; i++) {
                assertThat(honker.rateLimiter("smtp", 5, Duration.ofMinutes(1)).tryAcquire()).isTrue();
            }
            assertThat(honker.tryLock("nightly-export", "old-host", Duration.ofMinutes(5))).isPresent();
            honker.notify("orders", Map.of("id", 1));
            return new Filled(e1, e2, delayed, claimed, dead, unique, held, doneId, orders);
        }
    }

    /** A Jdbi on a new, empty schema of the class's PostgreSQL database. */
    static Jdbi freshSchema() {
        String schema = "move" + SCHEMAS.incrementAndGet();
        PG.jdbi().useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        PGSimpleDataSource ds = (PGSimpleDataSource) PG.dataSource();
        ds.setCurrentSchema(schema);
        return Jdbi.create(ds);
    }

    /** The honker on the target, with the test's clock. */
    JdbiHonker openTarget() {
        target.getConfig(HonkerConfig.class).setClock(clock);
        return JdbiHonker.create(target);
    }

    /** Plain reads of a table on either engine, every value as text (SQLite and PostgreSQL types differ). */
    static List<List<String>> rows(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).map((rs, ctx) -> {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getString(i));
            }
            return row;
        }).list());
    }

    static final List<String> COPIED_TABLES = List.of(
            "SELECT id, queue, payload, priority, run_at, attempts, max_attempts, created_at, expires_at "
                    + "FROM _honker_live ORDER BY id",
            "SELECT * FROM _honker_dead ORDER BY id",
            "SELECT * FROM _honker_scheduler_tasks ORDER BY name",
            "SELECT * FROM _honker_stream ORDER BY \"offset\"",
            "SELECT * FROM _honker_stream_consumers ORDER BY name, topic",
            "SELECT * FROM _honker_results ORDER BY job_id",
            "SELECT * FROM _honker_rate_limits ORDER BY name, window_start",
            "SELECT * FROM _honkerj_unique_jobs ORDER BY queue, unique_key",
            "SELECT * FROM _honkerj_paused_queues ORDER BY queue");

    static final List<String> ALL_TABLES = List.of("_honker_live", "_honker_dead", "_honker_locks",
            "_honker_rate_limits", "_honker_scheduler_tasks", "_honker_results", "_honker_stream",
            "_honker_stream_consumers", "_honker_notifications", "_honkerj_unique_jobs", "_honkerj_paused_queues");

    static Map<String, List<List<String>>> dump(Jdbi jdbi) {
        Map<String, List<List<String>>> dump = new java.util.TreeMap<>();
        for (String table : ALL_TABLES) {
            dump.put(table, rows(jdbi, "SELECT * FROM " + table));
        }
        dump.put("sqlite_sequence", rows(jdbi, "SELECT * FROM sqlite_sequence ORDER BY name"));
        return dump;
    }

    @Test
    void copiesEveryRowAsStoredAndLeavesTheFileAsItWas() throws IOException {
        Jdbi source = Jdbi.create("jdbc:sqlite:" + file);
        Map<String, List<List<String>>> before = dump(source);
        byte[] bytesBefore = Files.readAllBytes(file);

        Copied copied = HonkerCopy.copy(file, target);

        assertThat(copied).isEqualTo(new Copied(6, 1, 1, 2, 10, 2, 1, 1, 1, 1, filled.done(), 10));
        for (String sql : COPIED_TABLES) {
            assertThat(rows(target, sql)).as(sql).isEqualTo(rows(source, sql)).isNotEmpty();
        }
        assertThat(rows(target, "SELECT DISTINCT state, worker_id, claim_expires_at FROM _honker_live"))
                .as("every job pending, no worker, no lease").containsExactly(java.util.Arrays.asList(
                        "pending", null, null));
        assertThat(rows(target, "SELECT count(*) FROM _honker_locks")).containsExactly(List.of("0"));
        assertThat(rows(target, "SELECT count(*) FROM _honker_notifications")).containsExactly(List.of("0"));
        assertThat(dump(source)).as("the file's tables").isEqualTo(before);
        assertThat(Files.readAllBytes(file)).as("the file's bytes").isEqualTo(bytesBefore);
    }

    @Test
    void workersOnPostgresClaimTheSameJobsWithTheSamePayloads() {
        Map<Long, String> payloads = new java.util.HashMap<>();
        for (List<String> row : rows(Jdbi.create("jdbc:sqlite:" + file), "SELECT id, payload FROM _honker_live")) {
            payloads.put(Long.valueOf(row.get(0)), row.get(1));
        }
        HonkerCopy.copy(file, target);
        try (JdbiHonker pg = openTarget()) {
            List<Job> emails = pg.queue("emails").claimBatch("new-host", 10);
            assertThat(emails).extracting(Job::id).containsExactly(filled.e1(), filled.e2()); // priority, then id
            assertThat(emails).extracting(Job::payloadJson)
                    .containsExactly(payloads.get(filled.e1()), payloads.get(filled.e2()));
            assertThat(emails.get(1).payloadJson()).contains("  \"note\": \"caf\u00e9 \\u00e9\" }"); // as written
            assertThat(emails).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
            assertThat(emails).allSatisfy(j -> assertThat(j.ack()).isTrue());

            assertThat(pg.queue("emails").claimOne("new-host")).as("delayed 10 minutes").isEmpty();
            clock.tick(Duration.ofMinutes(10));
            Job delayed = pg.queue("emails").claimOne("new-host").orElseThrow();
            assertThat(delayed.id()).isEqualTo(filled.delayed());
            assertThat(delayed.maxAttempts()).isEqualTo(7);
            assertThat(delayed.runAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));

            Job reclaimed = pg.queue("reports").claimOne("new-host").orElseThrow();
            assertThat(reclaimed.id()).as("claimed on the old host: pending again").isEqualTo(filled.claimed());
            assertThat(reclaimed.attempts()).as("its first claim counted").isEqualTo(2);
            assertThat(reclaimed.payloadJson()).isEqualTo(payloads.get(filled.claimed()));
            assertThat(reclaimed.ack()).isTrue();
        }
    }

    @Test
    void deadLettersUniqueKeysAndPausedQueuesCarryOver() {
        HonkerCopy.copy(file, target);
        try (JdbiHonker pg = openTarget()) {
            List<DeadJob> dead = pg.queue("reports").deadJobs(10);
            assertThat(dead).extracting(DeadJob::id).containsExactly(filled.dead());
            assertThat(dead.get(0).lastError()).isEqualTo("renderer unavailable");
            long requeued = pg.queue("reports").requeueDead(filled.dead()).orElseThrow();
            assertThat(requeued).as("a fresh job, after every id the file handed out").isGreaterThan(filled.done());

            Enqueued again = pg.queue("invoices").enqueueUnique(Map.of("invoice", 42),
                    EnqueueOptions.defaults().withUniqueKey("invoice-42"));
            assertThat(again.created()).isFalse();
            assertThat(again.id()).isEqualTo(filled.unique());

            assertThat(pg.queue("hold").isPaused()).isTrue();
            assertThat(pg.queue("hold").claimOne("new-host")).isEmpty();
            pg.queue("hold").resume();
            assertThat(pg.queue("hold").claimOne("new-host").orElseThrow().id()).isEqualTo(filled.held());
        }
    }

    @Test
    void copiesIntoTheSchemaHonkerConfigNamesAndLeavesTheConnectionsSearchPathAlone() {
        String named = "moved_named" + SCHEMAS.incrementAndGet();
        Jdbi app = Jdbi.create(PG.dataSource()); // current schema: public
        app.getConfig(HonkerConfig.class).setSchema(named);
        String pathBefore = app.withHandle(h -> h.createQuery("SHOW search_path").mapTo(String.class).one());

        HonkerCopy.copy(file, app);

        assertThat(rows(PG.jdbi(), "SELECT count(*) FROM " + named + "._honker_live")).containsExactly(List.of("6"));
        String pathAfter = app.withHandle(h -> h.createQuery("SHOW search_path").mapTo(String.class).one());
        assertThat(pathAfter).as("set for the copy's transaction only").isEqualTo(pathBefore);
        app.getConfig(HonkerConfig.class).setClock(clock);
        try (JdbiHonker pg = JdbiHonker.create(app)) {
            assertThat(pg.queue("emails").claimBatch("new-host", 10)).extracting(Job::id)
                    .containsExactly(filled.e1(), filled.e2());
        }
    }

    @Test
    void newJobsAndEventsGetIdsAfterEverythingTheFileHandedOut() {
        Copied copied = HonkerCopy.copy(file, target);
        assertThat(copied.lastJobId()).as("the acked job's id: gone from the live table").isEqualTo(filled.done());
        assertThat(rows(target, "SELECT max(id) FROM _honker_live").get(0).get(0))
                .isNotEqualTo(String.valueOf(filled.done()));
        assertThat(rows(target, "SELECT pg_sequence_last_value(pg_get_serial_sequence('_honker_stream', "
                + "'offset')::regclass)")).containsExactly(List.of(String.valueOf(copied.lastStreamOffset())));
        try (JdbiHonker pg = openTarget()) {
            long fresh = pg.queue("emails").enqueue("new on PostgreSQL");
            assertThat(fresh).isEqualTo(filled.done() + 1);
            assertThat(pg.results().getJson(fresh)).as("no old result under the new id").isEmpty();
        }
    }

    @Test
    void aSecondCopyIsRefusedAndLeavesTheTargetAsItWas() {
        HonkerCopy.copy(file, target);
        Map<String, List<List<String>>> after = new java.util.TreeMap<>();
        for (String sql : COPIED_TABLES) {
            after.put(sql, rows(target, sql));
        }
        assertThatThrownBy(() -> HonkerCopy.copy(file, target))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("already holds honker rows in _honker_live, _honker_dead")
                .hasMessageContaining("empty schema")
                .hasMessageContaining("source: " + file.toAbsolutePath())
                .hasMessageContaining("schema move");
        for (String sql : COPIED_TABLES) {
            assertThat(rows(target, sql)).as(sql).isEqualTo(after.get(sql));
        }
    }

    @Test
    void aMissingSourceIsNamedAndNotCreated() {
        Path missing = dir.resolve("nope").resolve("app.db");
        assertThatThrownBy(() -> HonkerCopy.copy(missing, target))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("There is no SQLite file at " + missing.toAbsolutePath())
                .satisfies(e -> assertThat(((CopyFailedException) e).source()).isEqualTo(
                        missing.toAbsolutePath().toString()));
        assertThat(missing).doesNotExist();
        assertThat(rows(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                + "current_schema()")).containsExactly(List.of("0"));
    }

    @Test
    void anUnreachableTargetIsNamedAndTheSameCopyWorksOnceItIsThere() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"localhost"});
        nowhere.setPortNumbers(new int[] {closedPort});
        nowhere.setDatabaseName("app");
        nowhere.setUser("postgres");
        nowhere.setConnectTimeout(5);
        assertThatThrownBy(() -> HonkerCopy.copy(file, Jdbi.create(nowhere)))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("Cannot reach the target database")
                .hasMessageContaining("localhost:" + closedPort)
                .hasMessageContaining("nothing was copied");

        assertThat(HonkerCopy.copy(file, target).jobs()).isEqualTo(6);
    }

    @Test
    void aRowTheTargetRefusesIsNamedAndNothingIsWrittenUntilItIsFixed() {
        Jdbi source = Jdbi.create("jdbc:sqlite:" + file);
        // a zero byte is valid in SQLite TEXT but not in a PostgreSQL text value
        source.useHandle(h -> h.createUpdate("UPDATE _honker_live SET payload = :p WHERE id = :id")
                .bind("p", "{\"to\":\"a\u0000\"}").bind("id", filled.e2()).execute());

        assertThatThrownBy(() -> HonkerCopy.copy(file, target))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("The target refused one of the rows " + filled.e1() + " to " + filled.held()
                        + " of _honker_live")
                .hasMessageContaining("nothing was written to the target");
        assertThat(rows(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                + "current_schema()")).as("not even the tables").containsExactly(List.of("0"));

        source.useHandle(h -> h.createUpdate("UPDATE _honker_live SET payload = :p WHERE id = :id")
                .bind("p", "{\"to\":\"a\"}").bind("id", filled.e2()).execute());
        assertThat(HonkerCopy.copy(file, target).jobs()).isEqualTo(6);
    }

    @Test
    void aPriorityBeyondPostgresIntegerIsRefusedNamed() {
        Jdbi source = Jdbi.create("jdbc:sqlite:" + file);
        source.useHandle(h -> h.createUpdate("UPDATE _honker_dead SET priority = :p WHERE id = :id")
                .bind("p", 1L << 40).bind("id", filled.dead()).execute());
        assertThatThrownBy(() -> HonkerCopy.copy(file, target))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("The target refused the row " + filled.dead() + " of _honker_dead")
                .hasMessageContaining("integer out of range");
        assertThat(rows(target, "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                + "current_schema()")).containsExactly(List.of("0"));
    }

    @Test
    void aFileThatIsNotHonkersIsRefused() {
        Path plain = dir.resolve("plain.db");
        Jdbi.create("jdbc:sqlite:" + plain).useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY)"));
        assertThatThrownBy(() -> HonkerCopy.copy(plain, target))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("The source has no table _honker_live, _honker_dead")
                .hasMessageContaining("Honkers.open(file)")
                .hasMessageContaining(plain.toAbsolutePath().toString());
    }

    @Test
    void theTargetMustBePostgres() {
        Jdbi sqliteTarget = Jdbi.create("jdbc:sqlite:" + dir.resolve("other.db"));
        assertThatThrownBy(() -> HonkerCopy.copy(file, sqliteTarget))
                .isInstanceOf(CopyFailedException.class)
                .hasMessageContaining("but the target is SQLITE")
                .hasMessageContaining("a Jdbi on the PostgreSQL database");
    }

    @Test
    void aFileOnlyUpstreamWroteCopiesWithoutHonkerJdbisTables() {
        Jdbi.create("jdbc:sqlite:" + file).useHandle(h -> {
            h.execute("DROP TABLE _honkerj_unique_jobs");
            h.execute("DROP TABLE _honkerj_paused_queues");
        });
        Copied copied = HonkerCopy.copy(file, target);
        assertThat(copied.jobs()).isEqualTo(6);
        assertThat(copied.uniqueKeys()).isZero();
        assertThat(copied.pausedQueues()).isZero();
    }

    @Test
    void theJdbiOfAnOpenHonkerWorksAsTheSourceToo() {
        try (JdbiHonker running = Honkers.builder(file).clock(clock).open()) {
            Copied copied = HonkerCopy.copy(running.jdbi(), target);
            assertThat(copied.jobs()).isEqualTo(6);
            assertThat(copied.streamEvents()).isEqualTo(10);
            assertThat(running.queue("emails").stats().pending()).as("the source honker carries on").isEqualTo(3);
        }
    }
}
