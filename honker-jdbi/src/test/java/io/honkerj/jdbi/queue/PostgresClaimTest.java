package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.honkerj.jdbi.schema.Schema;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL way of the queue's two hot statements: claimers in concurrent transactions skip each
 * other's rows ({@code FOR UPDATE SKIP LOCKED}) instead of waiting or taking the same job, and an enqueue's
 * {@code NOTIFY} reaches listeners when its transaction commits, never before and never on rollback.
 */
class PostgresClaimTest {
    static final long NOW = 1_700_000_000L;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    static Jdbi jdbi;

    @BeforeAll
    static void schema() {
        jdbi = PG.jdbi().installPlugin(new HonkerPlugin());
        jdbi.useHandle(Schema::bootstrap);
    }

    @Test
    void concurrentClaimersSkipEachOthersRowsInsteadOfWaiting() throws Exception {
        List<Long> all = jdbi.withHandle(h -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ids.add(h.attach(QueueDao.class).enqueue("skip", "{}", 0, NOW, 3, null, NOW));
            }
            return ids;
        });
        try (Handle first = jdbi.open()) {
            first.begin();
            List<Long> mine = ids(first.attach(QueueDao.class).claimBatch("skip", "first", 4, 30, NOW));
            // the first transaction still holds its 4 rows: the second claimer takes the other 6 at once
            List<Long> theirs = CompletableFuture.supplyAsync(() -> jdbi.withHandle(
                    h -> ids(h.attach(QueueDao.class).claimBatch("skip", "second", 10, 30, NOW))))
                    .get(60, TimeUnit.SECONDS);
            first.commit();
            assertThat(mine).hasSize(4);
            assertThat(theirs).hasSize(6).doesNotContainAnyElementsOf(mine);
            Set<Long> union = new HashSet<>(mine);
            union.addAll(theirs);
            assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void enqueueNotifiesAtCommitOnly() throws Exception {
        try (Connection listener = PG.dataSource().getConnection(); Statement st = listener.createStatement()) {
            st.execute("LISTEN honker_queue");
            try (Handle writer = jdbi.open(); Handle other = jdbi.open()) {
                writer.begin();
                writer.attach(QueueDao.class).enqueue("rolled-back", "{}", 0, NOW, 3, null, NOW);
                writer.rollback();
                writer.begin();
                writer.attach(QueueDao.class).enqueueAll("committed", "[\"{}\",\"{}\"]", 0, NOW, 3, null, NOW);
                other.execute("NOTIFY honker_queue, 'marker'");
                writer.commit();
            }
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < 2 && System.nanoTime() < deadline) {
                PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(1000);
                if (got != null) {
                    for (PGNotification n : got) {
                        received.add(n.getParameter());
                    }
                }
            }
            // the marker, sent while the enqueue was uncommitted, comes first; the two-job enqueue sends one
            assertThat(received).containsExactly("marker", "committed");
        }
    }

    @Test
    void claimableExistsSeesDueAndLapsedJobsAndNotPausedQueues() {
        jdbi.useHandle(h -> {
            QueueDao dao = h.attach(QueueDao.class);
            assertThat(dao.claimableExists("exists", NOW)).isFalse();
            dao.enqueue("exists", "{}", 0, NOW + 10, 3, null, NOW);
            assertThat(dao.claimableExists("exists", NOW)).as("not due yet").isFalse();
            assertThat(dao.claimableExists("exists", NOW + 10)).as("due").isTrue();
            assertThat(dao.claimBatch("exists", "w", 1, 30, NOW + 10)).hasSize(1);
            assertThat(dao.claimableExists("exists", NOW + 40)).as("lease still valid").isFalse();
            assertThat(dao.claimableExists("exists", NOW + 41)).as("lease lapsed").isTrue();
            dao.pause("exists", NOW);
            assertThat(dao.claimableExists("exists", NOW + 41)).as("paused").isFalse();
            assertThat(dao.claimBatch("exists", "w", 1, 30, NOW + 41)).as("paused").isEmpty();
        });
    }

    private static List<Long> ids(List<JobRow> rows) {
        return rows.stream().map(JobRow::id).collect(Collectors.toList());
    }
}
