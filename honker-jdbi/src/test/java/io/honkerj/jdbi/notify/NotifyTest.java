package io.honkerj.jdbi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Listener;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NotifyTest {
    static final long T0 = 1_700_000_000L;

    @RegisterExtension
    final HonkerExtension db = database();

    SettableClock clock;
    JdbiHonker honker;

    HonkerExtension database() {
        return new HonkerExtension(T0);
    }

    @BeforeEach
    void open() {
        clock = db.clock();
        honker = db.honker();
    }

    private long rows() {
        return db.one("SELECT count(*) FROM _honker_notifications", Long.class);
    }

    @Test
    void aListenerGetsEveryLaterNotificationOfItsChannelInOrderAndNoReplay() throws Exception {
        honker.notify("orders", "before");
        try (Listener listener = honker.listen("orders")) {
            honker.notify("other", "noise");
            long first = honker.notify("orders", Map.of("id", 1));
            honker.notify("orders", Map.of("id", 2));
            Notification n1 = listener.recv(Duration.ofSeconds(10)).orElseThrow();
            Notification n2 = listener.recv(Duration.ofSeconds(10)).orElseThrow();
            assertThat(n1).isEqualTo(new Notification(first, "orders", "{\"id\":1}", Instant.ofEpochSecond(T0)));
            assertThat(n2.payload()).isEqualTo("{\"id\":2}");
            assertThat(listener.recv(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void aQuietChannelIsNotSlowedByTrafficOnOthers() throws Exception {
        try (Listener quiet = honker.listen("quiet")) {
            for (int i = 0; i < 3000; i += 500) {
                int base = i;
                honker.inTransaction((h, tx) -> {
                    for (int j = 0; j < 500; j++) {
                        tx.notify("busy", base + j);
                    }
                    return null;
                });
            }
            honker.notify("quiet", "hello");
            assertThat(quiet.recv(Duration.ofSeconds(10))).map(Notification::payload).contains("\"hello\"");
        }
    }

    @Test
    void notifyInTheCallersTransactionIsDeliveredOnlyIfItCommits() throws Exception {
        try (Listener listener = honker.listen("tx")) {
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                tx.notify("tx", "rolled back");
                throw new IllegalStateException("abort");
            })).hasMessage("abort");
            honker.inTransaction((h, tx) -> tx.notify("tx", "committed"));
            assertThat(listener.recv(Duration.ofSeconds(10))).map(Notification::payload).contains("\"committed\"");
            assertThat(listener.recv(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void closingAListenerUnblocksAThreadWaitingInRecv() throws Exception {
        Listener listener = honker.listen("idle");
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                listener.recv();
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        listener.close();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(ListenerClosedException.class)
                .hasMessageContaining("idle");
        assertThatThrownBy(() -> listener.recv(Duration.ZERO)).isInstanceOf(ListenerClosedException.class);
    }

    @Test
    void pruneDeletesByAgeAndKeepsTheNewestOverAllChannelsAsUpstream() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(honker.notify(i % 2 == 0 ? "a" : "b", i));
            clock.tick(Duration.ofSeconds(10));
        }
        assertThat(honker.pruneNotifications(Duration.ofDays(1), 10)).as("too few rows: nothing").isZero();
        assertThat(honker.pruneNotifications(Duration.ofDays(1), 3)).isEqualTo(2);
        assertThat(honker.pruneNotifications(Duration.ofSeconds(25), 100)).as("older than 25 s").isEqualTo(1);
        assertThat(rows()).isEqualTo(2);
        assertThat(honker.pruneNotifications(Duration.ofDays(1), 0)).as("0 keeps none").isEqualTo(2);
        assertThatThrownBy(() -> honker.pruneNotifications(Duration.ofDays(1), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void automaticRetentionKeepsTheTableBounded() {
        try (JdbiHonker pruning = io.honkerj.jdbi.Honkers.builder(
                        honker.file().orElseThrow().resolveSibling("pruning.db"))
                .notificationRetention(new NotificationRetention(Duration.ofDays(1), 100)).open()) {
            for (int i = 0; i < 3000; i++) {
                pruning.notify("c", i);
            }
            long left = pruning.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_notifications")
                    .mapTo(Long.class).one());
            // One notify in 256 prunes to the newest 100: far fewer than 3000 remain.
            assertThat(left).isLessThan(3000);
        }
        assertThatThrownBy(() -> new NotificationRetention(Duration.ofDays(1), 0)).hasMessageContaining("got 0");
    }

    @Test
    void blankChannelIsRejected() {
        assertThatThrownBy(() -> honker.notify(" ", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel");
        assertThatThrownBy(() -> honker.listen("")).hasMessageContaining("channel");
    }

    @Test
    void aTriggerCallingTheNotifySqlFunctionReachesAListener() throws Exception {
        honker.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL)");
            h.execute("CREATE TRIGGER orders_paid AFTER UPDATE OF status ON orders WHEN NEW.status = 'paid' "
                    + "BEGIN SELECT notify('orders', json_object('id', NEW.id, 'status', NEW.status)); END");
            h.execute("INSERT INTO orders (id, status) VALUES (7, 'new')");
        });
        try (Listener listener = honker.listen("orders")) {
            honker.jdbi().useHandle(h -> h.execute("UPDATE orders SET status = 'paid' WHERE id = 7"));
            assertThat(listener.recv(Duration.ofSeconds(30))).map(Notification::payload)
                    .contains("{\"id\":7,\"status\":\"paid\"}");
            long id = db.one("SELECT notify('orders', 'plain sql')", Long.class);
            assertThat(listener.recv(Duration.ofSeconds(30))).map(Notification::id).contains(id);
        }
        assertThatThrownBy(() -> db.one("SELECT notify('orders', 42)", Long.class))
                .hasMessageContaining("Invalid function parameter type");
    }
}
