package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Lock;
import io.honkerj.api.ScheduledTask;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The rooms' wake-ups on PostgreSQL: a lock's release, a result's save and a task's add/resume send
 * {@code pg_notify('honker_<room>', <name>)} in their own statement, so a listener (the waiters of
 * {@code lock()}, {@code Results.await} and a sleeping scheduler leader) hears them when, and only if, the
 * writer's transaction commits. Channels as the queue's {@code honker_queue} (see
 * {@code watch/ListenWatcher/listen.sql} once the wake-up branch is merged).
 */
class PostgresRoomsNotifyTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    final HonkerExtension db = HonkerExtension.postgres(T0, PG);

    @Test
    void releaseSaveAddAndResumeNotifyAtCommitOnly() throws Exception {
        JdbiHonker honker = db.honker();
        try (Connection listener = PG.dataSource().getConnection(); Statement st = listener.createStatement()) {
            st.execute("LISTEN honker_lock; LISTEN honker_result; LISTEN honker_scheduler");
            Lock held = honker.tryLock("nightly", "host-a", Duration.ofSeconds(60)).orElseThrow();
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                tx.results().save(1, "rolled back", null);
                assertThat(tx.tryLock("nightly", "host-a", Duration.ofSeconds(60)).orElseThrow().release()).isTrue();
                tx.scheduler().add(ScheduledTask.of("rolled-back", "q", "@every 10s", 1));
                throw new IllegalStateException("rollback");
            })).hasMessage("rollback");

            assertThat(held.release()).isTrue();
            honker.results().save(7, "done", Duration.ofSeconds(60));
            honker.scheduler().add(ScheduledTask.of("tick", "q", "@every 10s", 1));
            assertThat(honker.scheduler().pause("tick")).isTrue();
            assertThat(honker.scheduler().resume("tick")).isTrue();
            PG.jdbi().useHandle(h -> h.execute("NOTIFY honker_lock, 'end'"));

            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!received.contains("honker_lock:end") && System.nanoTime() < deadline) {
                PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(1000);
                if (got != null) {
                    for (PGNotification n : got) {
                        received.add(n.getName() + ":" + n.getParameter());
                    }
                }
            }
            // in commit order; nothing from the rolled-back transaction; pause sends nothing (no sooner fire)
            assertThat(received).containsExactly("honker_lock:nightly", "honker_result:7", "honker_scheduler:tick",
                    "honker_scheduler:tick", "honker_lock:end");
        }
    }
}
