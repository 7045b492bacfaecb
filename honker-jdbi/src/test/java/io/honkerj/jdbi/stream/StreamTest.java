package io.honkerj.jdbi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Stream;
import io.honkerj.api.StreamEvent;
import io.honkerj.api.SubscribeOptions;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    JdbiHonker honker;
    Stream orders;

    @BeforeEach
    void open() {
        honker = db.honker();
        orders = honker.stream("orders");
    }

    @Test
    void publishReadSinceWithOneSequenceAcrossTopics() {
        long a = orders.publish(Map.of("n", 1));
        long other = honker.stream("users").publish("u");
        long b = orders.publish("order-7", Map.of("n", 2));
        assertThat(other).isBetween(a, b);
        assertThat(orders.readSince(0, 10)).extracting(StreamEvent::offset).containsExactly(a, b);
        assertThat(orders.readSince(a, 10)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("order-7");
            assertThat(e.payload()).isEqualTo("{\"n\":2}");
            assertThat(e.topic()).isEqualTo("orders");
        });
        assertThat(orders.readSince(0, 1)).hasSize(1);
        assertThatThrownBy(() -> orders.readSince(0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }

    @Test
    void offsetsNeverMoveBackwardsAndAreKeyedConsumerThenTopicAsUpstream() {
        assertThat(orders.getOffset("billing")).isZero();
        assertThat(orders.saveOffset("billing", 5)).isTrue();
        assertThat(orders.saveOffset("billing", 3)).isFalse();
        assertThat(orders.saveOffset("billing", 5)).isFalse();
        assertThat(orders.saveOffset("billing", 9)).isTrue();
        assertThat(orders.getOffset("billing")).isEqualTo(9);
        assertThat(db.one("SELECT name || '/' || topic || '/' || \"offset\" FROM _honker_stream_consumers", String.class))
                .isEqualTo("billing/orders/9");
    }

    @Test
    void publishInTheCallersTransactionRollsBackWithIt() {
        assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
            tx.stream("orders").publish("lost");
            throw new IllegalStateException("abort");
        })).hasMessage("abort");
        honker.inTransaction((h, tx) -> tx.stream("orders").publish("kept"));
        assertThat(orders.readSince(0, 10)).extracting(StreamEvent::payload).containsExactly("\"kept\"");
    }

    @Test
    void subscriptionResumesAfterTheSavedOffsetAndIsAtLeastOnce() throws Exception {
        for (int i = 1; i <= 5; i++) {
            orders.publish(i);
        }
        SubscribeOptions everyTwo = SubscribeOptions.defaults().withSaveEveryEvents(2).withSaveEvery(Duration.ZERO);
        Subscription first = orders.subscribe("mailer", everyTwo);
        StreamEvent e1 = first.next(Duration.ofSeconds(5)).orElseThrow();
        StreamEvent e2 = first.next(Duration.ofSeconds(5)).orElseThrow();
        assertThat(orders.getOffset("mailer")).as("nothing saved for events still in hand").isZero();
        first.next(Duration.ofSeconds(5)).orElseThrow();
        assertThat(orders.getOffset("mailer")).as("saved up to the 2nd once the 3rd was asked for").isEqualTo(e2.offset());
        // The consumer "crashes" without closing: a new subscription resumes after the last save.
        try (Subscription second = orders.subscribe("mailer", everyTwo)) {
            assertThat(second.next(Duration.ofSeconds(5)).orElseThrow().payload()).isEqualTo("3");
            assertThat(second.next(Duration.ofSeconds(5)).orElseThrow().payload()).isEqualTo("4");
        }
        assertThat(orders.getOffset("mailer")).as("close saves what was handed out").isEqualTo(e1.offset() + 3);
        try (Subscription third = orders.subscribe("mailer")) {
            assertThat(third.next(Duration.ofSeconds(5)).orElseThrow().payload()).isEqualTo("5");
            assertThat(third.next(Duration.ZERO)).isEmpty();
        }
        try (Subscription replay = orders.subscribe("auditor", SubscribeOptions.defaults().withFromOffset(e1.offset()))) {
            assertThat(replay.next(Duration.ofSeconds(5)).orElseThrow().payload()).isEqualTo("2");
        }
    }

    @Test
    void aSubscriptionBlocksUntilAnEventIsPublished() throws Exception {
        try (Subscription sub = orders.subscribe("late")) {
            Thread publisher = new Thread(() -> orders.publish("news"));
            publisher.start();
            assertThat(sub.next(Duration.ofSeconds(30))).map(StreamEvent::payload).contains("\"news\"");
            publisher.join();
        }
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> SubscribeOptions.defaults().withSaveEveryEvents(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> SubscribeOptions.defaults().withSaveEvery(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> honker.stream(" ")).hasMessageContaining("stream topic");
        assertThatThrownBy(() -> orders.subscribe("")).hasMessageContaining("consumer");
    }
}
