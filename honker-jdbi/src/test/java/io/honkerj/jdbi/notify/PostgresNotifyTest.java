package io.honkerj.jdbi.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.Listener;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link NotifyTest}'s behaviours on PostgreSQL, where {@code notify(channel, payload)} is a database
 * function bootstrap creates: callable from plain SQL and from a PL/pgSQL trigger, inside the caller's
 * transaction, waking listeners at commit.
 */
class PostgresNotifyTest extends NotifyTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }

    @Test
    @Override
    void automaticRetentionKeepsTheTableBounded() {
        Jdbi jdbi = honker.jdbi();
        jdbi.getConfig(HonkerConfig.class).setNotificationRetention(new NotificationRetention(Duration.ofDays(1), 100));
        try (JdbiHonker pruning = JdbiHonker.create(jdbi)) {
            for (int i = 0; i < 3000; i++) {
                pruning.notify("c", i);
            }
            long left = pruning.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_notifications")
                    .mapTo(Long.class).one());
            // One notify in 256 prunes to the newest 100: far fewer than 3000 remain.
            assertThat(left).isLessThan(3000);
        }
    }

    @Test
    @Override
    void aTriggerCallingTheNotifySqlFunctionReachesAListener() throws Exception {
        honker.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL)");
            h.execute("CREATE FUNCTION orders_paid() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "PERFORM notify('orders', json_build_object('id', NEW.id, 'status', NEW.status)::text); "
                    + "RETURN NEW; END $$");
            h.execute("CREATE TRIGGER orders_paid AFTER UPDATE OF status ON orders FOR EACH ROW "
                    + "WHEN (NEW.status = 'paid') EXECUTE FUNCTION orders_paid()");
            h.execute("INSERT INTO orders (id, status) VALUES (7, 'new')");
        });
        try (Listener listener = honker.listen("orders")) {
            honker.jdbi().useHandle(h -> h.execute("UPDATE orders SET status = 'paid' WHERE id = 7"));
            assertThat(listener.recv(Duration.ofSeconds(30))).map(Notification::payload)
                    .contains("{\"id\" : 7, \"status\" : \"paid\"}");
            long id = db.one("SELECT notify('orders', 'plain sql')", Long.class);
            assertThat(listener.recv(Duration.ofSeconds(30))).map(Notification::id).contains(id);
            assertThatThrownBy(() -> honker.jdbi().useTransaction(h -> {
                h.createQuery("SELECT notify('orders', 'rolled back')").mapTo(Long.class).one();
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(listener.recv(Duration.ZERO)).isEmpty();
        }
        assertThatThrownBy(() -> db.one("SELECT notify('orders', 42)", Long.class))
                .hasMessageContaining("function notify(unknown, integer) does not exist");
    }
}
