package io.honkerj.jdbi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Listener;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications sent in this JVM are handed to this JVM's listeners after the commit: the same order and
 * exactly-once delivery as reading them, never one that did not commit.
 */
class LocalHandoffTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    /** Another honker of this JVM on the test's database (the same file here). */
    JdbiHonker anotherHonker() {
        return Honkers.open(db.honker().file().orElseThrow());
    }

    /** What the test's honker's listeners are registered under in {@link LocalDelivery}. */
    Object localDatabase() {
        return db.honker().file().orElseThrow();
    }

    private static List<Long> receive(Listener listener, int count) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(listener.recv(Duration.ofSeconds(30)).orElseThrow().id());
        }
        assertThat(listener.recv(Duration.ZERO)).isEmpty();
        return ids;
    }

    @Test
    void concurrentSendersAreDeliveredOnceEachInCommitOrderAndMostlyHandedOver() throws Exception {
        JdbiHonker honker = db.honker();
        int senders = 4;
        int each = 300;
        try (Listener a = honker.listen("c"); Listener b = honker.listen("c")) {
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                int thread = t;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        honker.notify("c", thread + ":" + i);
                        honker.notify("other", i);
                    }
                }));
            }
            List<Long> gotA = receive(a, senders * each);
            for (Future<?> f : sent) {
                f.get();
            }
            pool.shutdown();
            List<Long> gotB = receive(b, senders * each);
            List<Long> committed = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM _honker_notifications WHERE channel = 'c' ORDER BY id").mapTo(Long.class).list());
            assertThat(gotA).isEqualTo(committed);
            assertThat(gotB).isEqualTo(committed);
            assertThat(((JdbiListener) a).handedOff()).isPositive();
        }
    }

    @Test
    void aHandedNotificationIsTheOneStored() throws Exception {
        JdbiHonker honker = db.honker();
        try (Listener listener = honker.listen("same")) {
            long id = honker.notify("same", java.util.Map.of("k", 1));
            Notification n = listener.recv(Duration.ofSeconds(10)).orElseThrow();
            Notification stored = honker.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id, channel, payload, created_at FROM _honker_notifications WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> new Notification(rs.getLong(1), rs.getString(2),
                            rs.getString(3), java.time.Instant.ofEpochSecond(rs.getLong(4)))).one());
            assertThat(n).isEqualTo(stored);
        }
    }

    @Test
    void notifiesInTransactionsAreDeliveredOnlyWhenCommittedAndInOrderWithHandedOnes() throws Exception {
        JdbiHonker honker = db.honker();
        try (Listener listener = honker.listen("tx")) {
            long first = honker.notify("tx", "first");
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                tx.notify("tx", "rolled back");
                throw new IllegalStateException("abort");
            })).hasMessage("abort");
            long inTx = honker.inTransaction((h, tx) -> tx.notify("tx", "in a transaction"));
            long last = honker.notify("tx", "last");
            assertThat(receive(listener, 3)).containsExactly(first, inTx, last);
        }
    }

    @Test
    void aListenerThatDoesNotReceiveForAWhileStillGetsEverythingInOrder() throws Exception {
        JdbiHonker honker = db.honker();
        try (Listener listener = honker.listen("slow")) {
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < JdbiListener.MAX_HANDED + 300; i++) {
                sent.add(honker.notify("slow", i));
            }
            assertThat(receive(listener, sent.size())).isEqualTo(sent);
        }
    }

    @Test
    void listenersOfTheSameFileOnAnotherHonkerGetThemToo() throws Exception {
        try (JdbiHonker other = anotherHonker();
                Listener listener = other.listen("shared")) {
            long id = db.honker().notify("shared", "hello");
            assertThat(receive(listener, 1)).containsExactly(id);
            assertThat(((JdbiListener) listener).handedOff()).isEqualTo(1);
        }
    }

    @Test
    void aClosedListenerIsNoLongerHandedAnything() throws Exception {
        JdbiHonker honker = db.honker();
        Listener listener = honker.listen("gone");
        listener.close();
        honker.notify("gone", "nobody");
        assertThat(LocalDelivery.listeners(LocalDelivery.key(localDatabase(), "gone"))).isNull();
    }
}
