package io.honkerj.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.honkerj.api.ClaimWaker;
import io.honkerj.api.Job;
import io.honkerj.api.Listener;
import io.honkerj.api.Notification;
import io.honkerj.api.Queue;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/** Honker on the app's own Jdbi: a HikariCP pool, a plain URL, Jdbi's own SQLite plugin beside ours. */
class AppJdbiTest {
    @TempDir
    Path dir;

    private HikariDataSource pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    static HikariDataSource hikari(Path file, int size) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:sqlite:" + file);
        cfg.setMaximumPoolSize(size);
        cfg.setPoolName("app");
        return new HikariDataSource(cfg);
    }

    private Jdbi hikariJdbi(String name) {
        pool = hikari(dir.resolve(name), 4);
        return Jdbi.create(pool).installPlugin(new HonkerPlugin());
    }

    @Test
    void honkerRunsOnAHikariPool() throws Exception {
        Jdbi jdbi = hikariJdbi("hikari.db");
        jdbi.useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT)"));
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            Queue emails = honker.queue("emails");
            emails.enqueue("welcome");
            jdbi.useTransaction(h -> {
                h.execute("INSERT INTO orders (email) VALUES ('a@example.com')");
                JdbiHonker.attach(h).queue("emails").enqueue("receipt");
            });
            assertThat(emails.claimBatch("w", 10)).extracting(Job::payloadJson)
                    .containsExactly("\"welcome\"", "\"receipt\"");
            assertThat(honker.file()).contains(dir.resolve("hikari.db").toAbsolutePath());
        }
    }

    @Test
    void everyPooledConnectionGetsTheBusyHandlerFunctionsAndImmediateTransactions() throws SQLException {
        Jdbi jdbi = hikariJdbi("setup.db");
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            jdbi.<SQLException>useHandle(h -> {
                SQLiteConnection sqlite = h.getConnection().unwrap(SQLiteConnection.class);
                assertThat(sqlite.getConnectionConfig().getTransactionMode())
                        .isEqualTo(SQLiteConfig.TransactionMode.IMMEDIATE);
                // the eager busy handler replaces PRAGMA busy_timeout, which then reads 0
                assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isZero();
                assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
                assertThat(h.createQuery("SELECT notify('orders', 'hello')").mapTo(Long.class).one()).isPositive();
                assertThat(h.createQuery("SELECT honker_enqueue('emails', '\"x\"', NULL, NULL, 0, 3, NULL)")
                        .mapTo(Long.class).one()).isPositive();
            });
        }
    }

    @Test
    void aCommitOnAPooledAppHandleWakesAClaimWakerAndAListener() throws Exception {
        Jdbi jdbi = hikariJdbi("wake.db");
        try (JdbiHonker honker = JdbiHonker.create(jdbi);
                ClaimWaker waker = honker.queue("q").claimWaker();
                Listener listener = honker.listen("ch")) {
            CompletableFuture<Optional<Job>> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return waker.next("w", Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            jdbi.useTransaction(h -> {
                JdbiHonker tx = JdbiHonker.attach(h);
                tx.queue("q").enqueue("job");
                tx.notify("ch", "ping");
            });
            assertThat(next.get(30, TimeUnit.SECONDS)).map(Job::payloadJson).contains("\"job\"");
            Optional<Notification> n = listener.recv(Duration.ofSeconds(30));
            assertThat(n).map(Notification::payload).contains("\"ping\"");
        }
    }

    @Test
    void jdbisOwnSqlitePluginBesideHonkersBreaksNothing() {
        pool = hikari(dir.resolve("both.db"), 4);
        for (Jdbi jdbi : new Jdbi[] {
                Jdbi.create(pool).installPlugin(new SQLitePlugin()).installPlugin(new HonkerPlugin()),
                Jdbi.create("jdbc:sqlite:" + dir.resolve("plain.db")).installPlugin(new HonkerPlugin())
                        .installPlugin(new SQLitePlugin())}) {
            try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
                honker.queue("q").enqueue("x");
                jdbi.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue("y"));
                assertThat(honker.queue("q").claimBatch("w", 10)).hasSize(2);
                int busyTimeout = jdbi.withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
                assertThat(busyTimeout).isZero();
            }
        }
    }

    @Test
    void aConnectionThatIsNotSqliteIsRefusedWithAMessageSayingSo() {
        Connection notSqlite = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isWrapperFor" -> false;
                    case "unwrap" -> throw new SQLException("not a wrapper for " + args[0]);
                    case "toString" -> "OtherDbConnection";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "getAutoCommit", "isClosed" -> method.getName().equals("getAutoCommit");
                    default -> null;
                });
        Jdbi jdbi = Jdbi.create(() -> notSqlite).installPlugin(new HonkerPlugin());
        assertThatThrownBy(jdbi::open)
                .hasMessageContaining("HonkerPlugin")
                .hasMessageContaining("not a SQLite connection")
                .hasMessageContaining("OtherDbConnection");
    }

    @Test
    void honkerOnAPlainUrlKeepsItsConnectionsAndTheAppsStatementsAreUntouched() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("plain.db")).installPlugin(new HonkerPlugin());
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            Queue q = honker.queue("q");
            for (int i = 0; i < 20; i++) {
                q.enqueue(i);
            }
            assertThat(q.claimBatch("w", 100)).hasSize(20);
            try (Handle h = jdbi.open()) {
                assertThat(h.getStatementBuilder().getClass().getName()).doesNotContain("honkerj");
            }
        }
    }

    @Test
    void honkersOwnOperationsOnAnAppJdbiDoNotOpenAConnectionEach() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("count.db");
        AtomicInteger opened = new AtomicInteger();
        Jdbi jdbi = Jdbi.create(() -> {
            opened.incrementAndGet();
            return DriverManager.getConnection(url);
        }).installPlugin(new HonkerPlugin());
        try (JdbiHonker honker = JdbiHonker.create(jdbi);
                Listener listener = honker.listen("ch")) {
            int afterCreate = opened.get();
            Queue q = honker.queue("q");
            for (int i = 0; i < 50; i++) {
                q.enqueue(i);
                honker.notify("ch", i);
                assertThat(listener.recv(Duration.ofSeconds(30))).isPresent();
                q.claimOne("w").orElseThrow().ack();
            }
            assertThat(opened.get() - afterCreate).as("connections opened for 200 operations")
                    .isLessThanOrEqualTo(JdbiHonker.DEFAULT_BORROWED_CONNECTIONS);
        }
    }

    @Test
    void inTransactionOnAnAppJdbiHonkerJoinsAttachedViewsAndRollsBackTogether() {
        Jdbi jdbi = hikariJdbi("tx.db");
        jdbi.useHandle(h -> h.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT)"));
        try (JdbiHonker honker = JdbiHonker.create(jdbi)) {
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO orders (email) VALUES ('a@example.com')");
                tx.queue("q").enqueue("one");
                JdbiHonker.attach(h).queue("q").enqueue("two");
                throw new IllegalStateException("declined");
            })).hasMessage("declined");
            assertThat(honker.queue("q").stats().pending()).isZero();
            honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO orders (email) VALUES ('b@example.com')");
                JdbiHonker.attach(h).queue("q").enqueue("three");
                return tx.queue("q").enqueue("four");
            });
            assertThat(honker.queue("q").stats().pending()).isEqualTo(2);
            long orders = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM orders").mapTo(Long.class).one());
            assertThat(orders).isEqualTo(1L);
        }
    }
}
