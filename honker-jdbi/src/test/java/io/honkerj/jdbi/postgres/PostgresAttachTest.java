package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.honkerj.api.Job;
import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transactional outbox on PostgreSQL: a business row and an enqueue commit together and roll back
 * together, through {@code JdbiHonker.attach(handle)} inside the caller's transaction and through
 * {@code honker.inTransaction}; with honker's tables in a schema of their own, the caller's search path is
 * what it was between and after honker's operations.
 */
class PostgresAttachTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static long count(Handle h, String table) {
        return h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one();
    }

    private static String searchPath(Handle h) {
        return h.createQuery("SHOW search_path").mapTo(String.class).one();
    }

    @Test
    void attachedEnqueueCommitsAndRollsBackWithTheBusinessRow() {
        Jdbi app = PG.jdbi().installPlugin(new HonkerPlugin());
        app.useHandle(h -> h.execute("CREATE TABLE orders (id bigint PRIMARY KEY, email text NOT NULL)"));
        try (JdbiHonker honker = JdbiHonker.create(app)) {
            app.useTransaction(h -> {
                h.execute("INSERT INTO orders (id, email) VALUES (1, 'a@example.com')");
                JdbiHonker.attach(h).queue("emails").enqueue("welcome a");
            });
            assertThatThrownBy(() -> app.useTransaction(h -> {
                h.execute("INSERT INTO orders (id, email) VALUES (2, 'b@example.com')");
                JdbiHonker.attach(h).queue("emails").enqueue("welcome b");
                throw new IllegalStateException("payment declined");
            })).hasMessage("payment declined");

            long orders = app.withHandle(h -> count(h, "orders"));
            assertThat(orders).isEqualTo(1);
            assertThat(honker.queue("emails").claimBatch("w", 10)).extracting(Job::payloadJson)
                    .containsExactly("\"welcome a\"");
        }
    }

    @Test
    void inTransactionCommitsBothOrNeither() {
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            honker.jdbi().useHandle(h -> h.execute("CREATE TABLE receipts (id bigint PRIMARY KEY)"));
            long jobId = honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO receipts (id) VALUES (1)");
                return tx.queue("receipts").enqueue("receipt 1");
            });
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                h.execute("INSERT INTO receipts (id) VALUES (2)");
                tx.queue("receipts").enqueue("never sent");
                throw new IllegalArgumentException("rollback");
            })).hasMessage("rollback");
            long receipts = honker.jdbi().withHandle(h -> count(h, "receipts"));
            assertThat(receipts).isEqualTo(1);
            assertThat(honker.queue("receipts").stats().pending()).isEqualTo(1);
            assertThat(honker.queue("receipts").getJob(jobId)).isPresent();
        }
    }

    @Test
    void claimAndAckInsideTheTransactionAreUndoneByItsRollback() {
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            honker.queue("undo").enqueue("x");
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                Job job = tx.queue("undo").claimOne("w").orElseThrow();
                assertThat(job.ack()).isTrue();
                throw new IllegalStateException("handler failed after ack");
            })).hasMessage("handler failed after ack");
            assertThat(honker.queue("undo").claimOne("w")).as("the job is back, unclaimed").isPresent();
        }
    }

    @Test
    void withASchemaOfItsOwnTheCallersSearchPathIsKeptAroundHonkersOperations() {
        Jdbi app = PG.jdbi().installPlugin(new HonkerPlugin());
        app.getConfig(HonkerConfig.class).setSchema("outbox");
        app.useHandle(h -> h.execute("CREATE TABLE invoices (id bigint PRIMARY KEY)"));
        try (JdbiHonker honker = JdbiHonker.create(app)) {
            app.useTransaction(h -> {
                String before = searchPath(h);
                h.execute("INSERT INTO invoices (id) VALUES (1)");
                JdbiHonker.attach(h).queue("invoices").enqueue("invoice 1");
                assertThat(searchPath(h)).isEqualTo(before);
                assertThat(count(h, "invoices")).isEqualTo(1); // the caller's own table, on the caller's path
                assertThat(JdbiHonker.attach(h).queue("invoices").stats().pending()).isEqualTo(1);
                assertThat(searchPath(h)).isEqualTo(before);
            });
            assertThatThrownBy(() -> app.useTransaction(h -> {
                h.execute("INSERT INTO invoices (id) VALUES (2)");
                JdbiHonker.attach(h).queue("invoices").enqueue("invoice 2");
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");
            // outside a transaction (autocommit): honker opens and commits its own on the handle
            app.useHandle(h -> {
                String before = searchPath(h);
                JdbiHonker.attach(h).queue("invoices").enqueue("invoice 3");
                assertThat(searchPath(h)).isEqualTo(before);
            });
            assertThat(honker.queue("invoices").claimBatch("w", 10)).extracting(Job::payloadJson)
                    .containsExactly("\"invoice 1\"", "\"invoice 3\"");
            app.useHandle(h -> {
                assertThat(count(h, "invoices")).isEqualTo(1);
                assertThat(count(h, "outbox._honker_live")).isEqualTo(2);
                assertThat(count(h, "public._honker_live WHERE queue = 'invoices'")).isZero();
            });
        }
    }

    @Test
    void attachBootstrapsInTheCallersTransactionAgainAfterItsRollbackAndPerSchema() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(PG.jdbcUrl());
        cfg.setMaximumPoolSize(1); // one physical connection: every handle below is on it
        cfg.setPoolName("one-connection");
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            Jdbi first = Jdbi.create(pool).installPlugin(new HonkerPlugin());
            first.getConfig(HonkerConfig.class).setSchema("rolled_back");
            assertThatThrownBy(() -> first.useTransaction(h -> {
                JdbiHonker.attach(h).queue("q").enqueue("lost with the schema");
                throw new IllegalStateException("rollback");
            })).hasMessage("rollback");
            first.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue("kept"));
            Jdbi second = Jdbi.create(pool).installPlugin(new HonkerPlugin());
            second.getConfig(HonkerConfig.class).setSchema("second");
            second.useTransaction(h -> JdbiHonker.attach(h).queue("q").enqueue("in the second schema"));
        }
        PG.jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT payload FROM rolled_back._honker_live").mapTo(String.class).list())
                    .containsExactly("\"kept\"");
            assertThat(h.createQuery("SELECT payload FROM second._honker_live").mapTo(String.class).list())
                    .containsExactly("\"in the second schema\"");
        });
    }
}
