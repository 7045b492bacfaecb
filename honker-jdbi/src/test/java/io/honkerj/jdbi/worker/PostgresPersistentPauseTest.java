package io.honkerj.jdbi.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.Await;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PersistentPauseTest}'s in-process part on PostgreSQL: a pause is stored in the database, so a
 * direct claim and a pool of another honker (a restarted process) on the same database leave the queue
 * until resume. Not here: upstream's {@code honker_claim_batch} SQL function (SQLite only,
 * {@code Engine.javaSqlFunctions}) and the child-JVM part (the pgmulti branch).
 */
class PostgresPersistentPauseTest {
    static final long T0 = 1_700_000_000L;
    static final Duration WAIT = PersistentPauseTest.WAIT;

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @RegisterExtension
    final HonkerExtension db = HonkerExtension.postgres(T0, PG);

    private static long count(JdbiHonker honker, String sql) {
        return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void aPauseHoldsForDirectClaimsAndForAPoolOfAnotherHonkerOnTheDatabase() {
        JdbiHonker first = db.honker();
        first.jdbi().useHandle(h -> h.execute("CREATE TABLE runs (queue text, job_id bigint)"));
        Queue paused = first.queue("work");
        paused.pause();
        paused.pause(); // idempotent
        assertThat(paused.isPaused()).isTrue();
        assertThat(first.queue("probe").isPaused()).isFalse();
        paused.enqueue(1);
        assertThat(paused.claimOne("w")).as("a direct claim takes nothing either").isEmpty();

        try (JdbiHonker other = JdbiHonker.create(first.jdbi())) {
            Queue work = other.queue("work");
            assertThat(work.isPaused()).as("seen by another honker").isTrue();
            WorkerPool pool = other.workers()
                    .handleInTransaction("work", Integer.class, WorkerOptions.defaults(), (n, job, h) ->
                            h.execute("INSERT INTO runs (queue, job_id) VALUES ('work', ?)", job.id()))
                    .handleInTransaction("probe", Integer.class, WorkerOptions.defaults(), (n, job, h) ->
                            h.execute("INSERT INTO runs (queue, job_id) VALUES ('probe', ?)", job.id()))
                    .start();
            try {
                other.queue("probe").enqueue(1);
                Await.until(WAIT, "the probe ran", () -> count(other, "SELECT COUNT(*) FROM runs WHERE queue = 'probe'") == 1);
                assertThat(count(other, "SELECT COUNT(*) FROM runs WHERE queue = 'work'")).isZero();
                assertThat(work.stats().pending()).isEqualTo(1);
                assertThat(pool.isPaused("work")).as("the pool's own pause is separate").isFalse();
                paused.resume();
                assertThat(work.isPaused()).isFalse();
                Await.until(WAIT, "resumed: the waiting dispatcher woke and ran it",
                        () -> count(other, "SELECT COUNT(*) FROM runs WHERE queue = 'work'") == 1);
            } finally {
                pool.close();
            }
        }
    }
}
