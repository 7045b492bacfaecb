package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.InvalidPayloadException;
import io.honkerj.api.Job;
import io.honkerj.api.Listener;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.ScheduledTask;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inputs whose meaning must not flip: durations of "forever" stay in the future (never overflow), sub-second
 * delays round up, negative timeouts are refused, names with a lone surrogate are refused rather than stored
 * as '?', payloads with one keep it.
 */
class InputsTest {
    static final long T0 = 1_700_000_000L;
    static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);
    static final String LONE = "w\uD800";

    @RegisterExtension
    final HonkerExtension db = new HonkerExtension(T0);

    SettableClock clock;
    JdbiHonker honker;
    Queue queue;

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
        queue = honker.queue("q");
    }

    @Test
    void aJobDelayedForeverIsNeverClaimable() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withDelay(FOREVER));
        assertThat(queue.claimOne("w")).isEmpty();
        clock.tick(Duration.ofDays(365 * 1000));
        assertThat(queue.claimOne("w")).isEmpty();
        assertThat(db.one("SELECT run_at FROM _honker_live WHERE id = " + id, Long.class))
                .isEqualTo(Args.MAX_EPOCH_SECOND);
    }

    @Test
    void aJobThatExpiresNeverStaysClaimable() {
        long id = queue.enqueue("x", EnqueueOptions.defaults().withExpiresIn(FOREVER));
        assertThat(db.one("SELECT expires_at FROM _honker_live WHERE id = " + id, Long.class))
                .isEqualTo(Args.MAX_EPOCH_SECOND);
        assertThat(queue.claimOne("w")).isPresent();
    }

    @Test
    void subSecondDelaysRoundUpToTheNextSecond() {
        queue.enqueue("x", EnqueueOptions.defaults().withDelay(Duration.ofMillis(500)));
        assertThat(queue.claimOne("w")).isEmpty();
        clock.tick(Duration.ofSeconds(1));
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.retry(Duration.ofMillis(300), "later")).isTrue();
        assertThat(queue.claimOne("w")).isEmpty();
        clock.tick(Duration.ofSeconds(1));
        assertThat(queue.claimOne("w")).isPresent();
    }

    @Test
    void aHeartbeatOfForeverKeepsTheJob() {
        queue.enqueue("x");
        Job job = queue.claimOne("w1").orElseThrow();
        assertThat(job.heartbeat(FOREVER)).isTrue();
        clock.tick(Duration.ofDays(365 * 1000));
        assertThat(queue.claimOne("w2")).isEmpty();
        assertThat(job.ack()).isTrue();
    }

    @Test
    void aLeaseOfForeverKeepsTheJob() {
        Queue q = honker.queue("long", QueueOptions.defaults().withVisibilityTimeout(FOREVER));
        long id = q.enqueue("x");
        assertThat(q.claimOne("w1")).isPresent();
        clock.tick(Duration.ofDays(365 * 1000));
        assertThat(q.claimOne("w2")).isEmpty();
        assertThat(db.one("SELECT claim_expires_at FROM _honker_live WHERE id = " + id, Long.class))
                .isEqualTo(Args.MAX_EPOCH_SECOND);
    }

    @Test
    void aRetryDelayedForeverIsNeverDue() {
        queue.enqueue("x");
        assertThat(queue.claimOne("w").orElseThrow().retry(FOREVER, "never")).isTrue();
        clock.tick(Duration.ofDays(365 * 1000));
        assertThat(queue.claimOne("w")).isEmpty();
    }

    @Test
    void locksResultsLimitsAndSchedulesOfForeverStayInTheFuture() throws InterruptedException {
        assertThat(honker.tryLock("l", "a", FOREVER)).isPresent();
        clock.tick(Duration.ofDays(365 * 1000));
        assertThat(honker.tryLock("l", "b", FOREVER)).isEmpty();
        assertThat(honker.lock("free", "a", Duration.ofSeconds(10), FOREVER)).isPresent();

        honker.results().save(7, "v", FOREVER);
        assertThat(honker.results().getJson(7)).contains("\"v\"");
        assertThat(honker.results().awaitJson(7, FOREVER)).contains("\"v\"");

        assertThat(honker.rateLimiter("r", 1, FOREVER).tryAcquire()).isTrue();
        assertThat(honker.rateLimiter("r", 1, FOREVER).tryAcquire()).isFalse();
        assertThatCode(() -> honker.sweepRateLimits(FOREVER)).doesNotThrowAnyException();
        assertThatCode(() -> honker.pruneNotifications(FOREVER, 10)).doesNotThrowAnyException();

        honker.scheduler().add(ScheduledTask.of("t", "q", "@every 1s", "p").withExpires(FOREVER));
        assertThat(db.one("SELECT expires_s FROM _honker_scheduler_tasks WHERE name = 't'", Long.class))
                .isEqualTo(Args.MAX_EPOCH_SECOND);
    }

    @Test
    void waitsOfForeverDoNotOverflow() throws InterruptedException {
        honker.notify("c", "hi");
        try (Listener l = honker.listen("c")) {
            honker.notify("c", "there");
            assertThat(l.recv(FOREVER)).isPresent();
        }
        queue.enqueue("x");
        try (ClaimWaker waker = queue.claimWaker()) {
            assertThat(waker.next("w", FOREVER)).isPresent();
        }
        RetryPolicy forever = new RetryPolicy(FOREVER, FOREVER, 0, true);
        assertThat(forever.delayAfter(3, new Random(1))).isPositive();
    }

    @Test
    void negativeTimeoutsAreRefusedEverywhere() throws InterruptedException {
        queue.enqueue("x");
        try (Listener l = honker.listen("c")) {
            assertThatThrownBy(() -> l.recv(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        }
        try (ClaimWaker waker = queue.claimWaker()) {
            assertThatThrownBy(() -> waker.next("w", Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        }
        assertThat(queue.claimOne("w")).as("the refused call claimed nothing").isPresent();
        assertThatThrownBy(() -> honker.lock("l", "a", Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> honker.results().awaitJson(1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }

    @Test
    void namesWithALoneSurrogateAreRefusedAndNeverMerge() {
        assertThatThrownBy(() -> honker.queue("q\uD800"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue name")
                .hasMessageContaining("q\\uD800");
        assertThatThrownBy(() -> honker.tryLock("l", LONE, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock owner");
        assertThat(db.one("SELECT count(*) FROM _honker_locks", Long.class)).isZero();
        assertThatThrownBy(() -> honker.tryLock(LONE, "a", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock name");
        assertThatThrownBy(() -> honker.notify(LONE, "x")).hasMessageContaining("channel");
        assertThatThrownBy(() -> honker.listen(LONE)).hasMessageContaining("channel");
        assertThatThrownBy(() -> honker.stream(LONE)).hasMessageContaining("stream topic");
        assertThatThrownBy(() -> honker.stream("s").publish(LONE, "x")).hasMessageContaining("stream key");
        assertThatThrownBy(() -> honker.stream("s").getOffset(LONE)).hasMessageContaining("consumer");
        assertThatThrownBy(() -> honker.rateLimiter(LONE, 1, Duration.ofSeconds(1)))
                .hasMessageContaining("rate limit name");
        assertThatThrownBy(() -> honker.tasks("q").enqueue(LONE, List.of(), Map.of()))
                .hasMessageContaining("task name");
        assertThatThrownBy(() -> honker.scheduler().add(ScheduledTask.of(LONE, "q", "@every 1s", "p")))
                .hasMessageContaining("task name");
        assertThatThrownBy(() -> queue.claimOne(LONE)).hasMessageContaining("worker id");
        assertThatThrownBy(() -> honker.scheduler().remove(LONE)).hasMessageContaining("task name");
        assertThatThrownBy(() -> honker.scheduler().pause(LONE)).hasMessageContaining("task name");
        assertThatThrownBy(() -> honker.workers().workerIdPrefix(LONE)).hasMessageContaining("worker id prefix");
        // a well-formed pair (an emoji) is a name like any other
        assertThat(honker.queue("q\uD83D\uDE00").enqueue("x")).isPositive();
    }

    @Test
    void payloadsKeepTheirLoneSurrogates() {
        long id = queue.enqueue(Map.of("s", LONE));
        String stored = db.one("SELECT payload FROM _honker_live WHERE id = " + id, String.class);
        assertThat(stored).doesNotContain("?").contains("\\uD800");
        Job job = queue.claimOne("w").orElseThrow();
        assertThat(job.payload(Map.class)).containsEntry("s", LONE);

        long raw = queue.enqueueJson("{\"s\":\"" + LONE + "\"}", EnqueueOptions.defaults());
        assertThat(db.one("SELECT payload FROM _honker_live WHERE id = " + raw, String.class))
                .isEqualTo("{\"s\":\"w\\uD800\"}");
        honker.notify("c", LONE);
        assertThat(db.one("SELECT payload FROM _honker_notifications", String.class)).isEqualTo("\"w\\uD800\"");
    }

    @Test
    void errorTextsWithALoneSurrogateAreStoredWithAReplacementCharacter() {
        queue.enqueue("x", EnqueueOptions.defaults().withMaxAttempts(1));
        assertThat(queue.claimOne("w").orElseThrow().fail("bad " + LONE)).isTrue();
        assertThat(db.one("SELECT last_error FROM _honker_dead", String.class)).isEqualTo("bad w\uFFFD");
    }

    record Old(String to) {}

    record New(String to, int priority) {}

    @Test
    void theDefaultCodecIgnoresUnknownPropertiesAndStrictFails() {
        String json = new JacksonPayloadCodec().encode(new New("alice", 5));
        assertThat(new JacksonPayloadCodec().<Old>decode(json, Old.class)).isEqualTo(new Old("alice"));
        assertThatThrownBy(() -> JacksonPayloadCodec.strict().decode(json, Old.class))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining("priority");

        queue.enqueue(new New("bob", 1));
        assertThat(queue.claimOne("w").orElseThrow().payload(Old.class)).isEqualTo(new Old("bob"));
    }
}
