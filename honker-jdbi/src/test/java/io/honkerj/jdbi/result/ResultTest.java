package io.honkerj.jdbi.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Job;
import io.honkerj.api.Queue;
import io.honkerj.api.Results;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResultTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    /** The database each test runs on: a SQLite file here, PostgreSQL in the {@code Postgres} subclass. */
    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    SettableClock clock;
    JdbiHonker honker;
    Results results;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        results = honker.results();
    }


    record Report(String url, int pages) {}

    @Test
    void savedResultsAreReadBackTypedAndExpireInvisiblyThenArePruned() {
        results.save(1, new Report("s3://r/1.pdf", 3), Duration.ofSeconds(60));
        results.save(2, "forever", null);
        assertThat(results.<Report>get(1, Report.class)).contains(new Report("s3://r/1.pdf", 3));
        assertThat(results.getJson(1)).contains("{\"url\":\"s3://r/1.pdf\",\"pages\":3}");
        clock.tick(Duration.ofSeconds(60));
        assertThat(results.getJson(1)).isEmpty();
        assertThat(results.getJson(2)).contains("\"forever\"");
        assertThat(results.pruneExpired()).isEqualTo(1);
        assertThat(results.pruneExpired()).isZero();
    }

    @Test
    void aReplacementRewritesValueAndExpiryButKeepsCreatedAt() {
        results.save(7, "first", Duration.ofSeconds(10));
        clock.tick(Duration.ofSeconds(5));
        results.save(7, "second", null);
        Map<String, Object> row = new java.util.HashMap<>(honker.jdbi().withHandle(h ->
                h.createQuery("SELECT * FROM _honker_results").mapToMap().one()));
        // integers as long: SQLite's driver gives int or long by size, PostgreSQL's long for bigint
        row.replaceAll((k, v) -> v instanceof Integer i ? Long.valueOf(i) : v);
        assertThat(row).containsEntry("job_id", 7L).containsEntry("value", "\"second\"")
                .containsEntry("created_at", T0).containsEntry("expires_at", null);
    }

    @Test
    void jsonNullIsDistinctFromAbsent() {
        results.save(3, null, null);
        assertThat(results.getJson(3)).contains("null");
        assertThat(results.get(3, String.class)).isEmpty();
        assertThat(results.getJson(4)).isEmpty();
        assertThat(results.delete(3)).isTrue();
        assertThat(results.getJson(3)).isEmpty();
    }

    @Test
    void ackWithResultStoresBothOrNeither() {
        Queue q = honker.queue("render", io.honkerj.api.QueueOptions.defaults().withVisibilityTimeout(Duration.ofSeconds(30)));
        long id = q.enqueue("doc");
        Job job = q.claimOne("w").orElseThrow();
        assertThat(job.ack(new Report("u", 1), Duration.ofHours(1))).isTrue();
        assertThat(q.getJob(id)).isEmpty();
        assertThat(results.get(id, Report.class)).contains(new Report("u", 1));

        long late = q.enqueue("doc2");
        Job lapsed = q.claimOne("w").orElseThrow();
        clock.tick(Duration.ofSeconds(31));
        q.claimOne("other").orElseThrow();
        assertThat(lapsed.ack("stale", Duration.ofHours(1))).isFalse();
        assertThat(results.getJson(late)).as("no result from a worker that lost the job").isEmpty();
    }

    @Test
    void awaitReturnsWhenAnotherThreadSavesAndTimesOutOtherwise() throws Exception {
        CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return results.awaitJson(42, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        results.save(42, Map.of("ok", true), null);
        assertThat(waiting.get(30, TimeUnit.SECONDS)).contains("{\"ok\":true}");
        assertThat(results.awaitJson(43, Duration.ZERO)).isEmpty();
    }

    @Test
    void badTtlNamesTheValueAndWritesNothing() {
        assertThatThrownBy(() -> results.save(1, "x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> results.save(1, "x", Duration.ofSeconds(-3))).hasMessageContaining("PT-3S");
        assertThat(results.getJson(1)).isEmpty();
    }
}
