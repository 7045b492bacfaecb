package io.honkerj.jdbi.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * On PostgreSQL a waiter is woken by the {@link ListenWatcher}: a commit of another Jdbi (so another
 * listening connection: what another process does) reaches it through {@code LISTEN}/{@code NOTIFY}, also
 * after the listening connection was killed and the watcher reconnected; the watcher stops with the last
 * honker using it.
 */
class ListenWatcherTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private Jdbi waiting;
    private Jdbi writing;
    private JdbiHonker waiter;
    private JdbiHonker writer;

    private static Jdbi jdbi(String schema) {
        PGSimpleDataSource ds = (PGSimpleDataSource) PG.dataSource();
        ds.setCurrentSchema(schema);
        return Jdbi.create(ds);
    }

    @BeforeEach
    void honkers() {
        String schema = "w" + SCHEMAS.incrementAndGet();
        PG.jdbi().useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        waiting = jdbi(schema);
        writing = jdbi(schema);
        waiter = JdbiHonker.create(waiting);
        writer = JdbiHonker.create(writing);
    }

    @AfterEach
    void close() {
        waiter.close();
        writer.close();
    }

    private static CompletableFuture<Optional<Job>> next(ClaimWaker waker) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return waker.next("w", Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anotherConnectionsCommitWakesABlockedClaimThroughNotify() throws Exception {
        try (ClaimWaker waker = waiter.queue("q").claimWaker();
                ListenWatcher.Ref ref = ListenWatcher.acquire(waiting)) {
            long before = ref.watcher().wakeups();
            CompletableFuture<Optional<Job>> job = next(waker);
            long id = writer.queue("q").enqueue("hello");
            assertThat(job.get(60, TimeUnit.SECONDS)).map(Job::id).contains(id);
            assertThat(ref.watcher().wakeups()).as("woken by a notification").isGreaterThan(before);
            assertThat(ref.watcher().connects()).isEqualTo(1);
        }
    }

    @Test
    void releaseRetryAndResumeWakeClaimersToo() throws Exception {
        Queue mine = writer.queue("again");
        long id = mine.enqueue("x");
        try (ClaimWaker waker = waiter.queue("again").claimWaker()) {
            Job claimed = mine.claimOne("other").orElseThrow();
            CompletableFuture<Optional<Job>> released = next(waker);
            assertThat(claimed.release()).isTrue();
            Job again = released.get(60, TimeUnit.SECONDS).orElseThrow();
            assertThat(again.id()).isEqualTo(id);

            CompletableFuture<Optional<Job>> retried = next(waker);
            assertThat(again.retry(Duration.ZERO, "once more")).isTrue();
            assertThat(retried.get(60, TimeUnit.SECONDS)).map(Job::id).contains(id);
        }
        writer.queue("again").pause();
        long paused = writer.queue("again").enqueue("while paused");
        try (ClaimWaker waker = waiter.queue("again").claimWaker()) {
            CompletableFuture<Optional<Job>> resumed = next(waker);
            writer.queue("again").resume();
            assertThat(resumed.get(60, TimeUnit.SECONDS)).map(Job::id).contains(paused);
        }
    }

    @Test
    void aKilledListeningConnectionIsReplacedAndNothingIsMissed() throws Exception {
        try (ClaimWaker waker = waiter.queue("k").claimWaker();
                ListenWatcher.Ref ref = ListenWatcher.acquire(waiting)) {
            ListenWatcher watcher = ref.watcher();
            int pid = watcher.backendPid();
            assertThat(pid).isPositive();
            PG.jdbi().useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", pid)
                    .mapTo(Boolean.class).one());
            // sent at once: maybe while the watcher is still disconnected, its NOTIFY then lost
            long first = writer.queue("k").enqueue("during the reconnect");
            assertThat(next(waker).get(60, TimeUnit.SECONDS)).map(Job::id).contains(first);
            Await.until(Duration.ofSeconds(60), "the watcher to listen again",
                    () -> watcher.connects() == 2 && watcher.backendPid() != 0);
            assertThat(watcher.backendPid()).isNotEqualTo(pid);
            long woken = watcher.wakeups();
            CompletableFuture<Optional<Job>> job = next(waker);
            long second = writer.queue("k").enqueue("after the reconnect");
            assertThat(job.get(60, TimeUnit.SECONDS)).map(Job::id).contains(second);
            assertThat(watcher.wakeups()).isGreaterThan(woken);
        }
    }

    @Test
    void throughAHikariPoolTheConnectionIsUnwrappedAndGoesBackNotListening() throws Exception {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        PGSimpleDataSource ds = (PGSimpleDataSource) PG.dataSource();
        ds.setCurrentSchema(waiting.withHandle(h -> h.createQuery("SELECT current_schema()")
                .mapTo(String.class).one()));
        config.setDataSource(ds);
        config.setMaximumPoolSize(3);
        try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config)) {
            Jdbi pooled = Jdbi.create(pool);
            try (JdbiHonker honker = JdbiHonker.create(pooled);
                    ClaimWaker waker = honker.queue("hikari").claimWaker()) {
                CompletableFuture<Optional<Job>> job = next(waker);
                long id = writer.queue("hikari").enqueue("through the pool");
                assertThat(job.get(60, TimeUnit.SECONDS)).map(Job::id).contains(id);
            }
            // every connection the pool has now: none still listens (UNLISTEN * before it went back)
            java.util.List<org.jdbi.v3.core.Handle> all = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    all.add(pooled.open());
                }
                for (org.jdbi.v3.core.Handle h : all) {
                    assertThat(h.createQuery("SELECT count(*) FROM pg_listening_channels()").mapTo(Integer.class)
                            .one()).isZero();
                }
            } finally {
                all.forEach(org.jdbi.v3.core.Handle::close);
            }
        }
    }

    @Test
    void theWatcherStopsWithTheLastHonkerAndItsWaitersReturn() throws Exception {
        ClaimWaker waker = waiter.queue("stop").claimWaker();
        ListenWatcher watcher;
        try (ListenWatcher.Ref ref = ListenWatcher.acquire(waiting)) {
            watcher = ref.watcher();
        }
        assertThat(watcher.isRunning()).isTrue();
        CompletableFuture<Optional<Job>> blocked = next(waker);
        waiter.close();
        assertThat(blocked).failsWithin(60, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(60), "the watcher to stop", () -> !watcher.isRunning());
        int listening = PG.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = :pid").bind("pid", watcher.backendPid())
                .mapTo(Integer.class).one());
        assertThat(watcher.backendPid()).isZero();
        assertThat(listening).isZero();
    }
}
