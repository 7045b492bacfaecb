package io.honkerj.jdbi.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Subscription;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StreamTest}'s behaviours on PostgreSQL, and what only PostgreSQL could break: concurrent
 * transactions draw offsets in one order and could commit in another, so a subscriber reading "after the
 * last offset" would skip an event committed late; publish's advisory lock of the topic makes offsets
 * visible in order.
 */
class PostgresStreamTest extends StreamTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }

    @Test
    void concurrentPublishersNeverMakeASubscriberSkipAnEvent() throws Exception {
        JdbiHonker honker = db.honker();
        int publishers = 4;
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try (Subscription sub = honker.stream("busy").subscribe("reader")) {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < publishers; t++) {
                int thread = t;
                // each its own honker (in this JVM a honker's writes take turns), each publish in a transaction
                // that goes on a random while, so offset draws and commits interleave
                sent.add(pool.submit(() -> {
                    try (JdbiHonker publisher = JdbiHonker.create(honker.jdbi())) {
                        for (int i = 0; i < each; i++) {
                            int n = i;
                            publisher.inTransaction((h, tx) -> {
                                tx.stream("busy").publish(thread + ":" + n);
                                return h.createQuery("SELECT pg_sleep(random() * 0.003)").mapTo(String.class).one();
                            });
                        }
                    }
                    return null;
                }));
            }
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < publishers * each; i++) {
                got.add(sub.next(Duration.ofSeconds(60)).orElseThrow().offset());
            }
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            List<Long> committed = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT \"offset\" FROM _honker_stream WHERE topic = 'busy' ORDER BY \"offset\"")
                    .mapTo(Long.class).list());
            assertThat(got).isEqualTo(committed);
        } finally {
            pool.shutdownNow();
        }
    }
}
