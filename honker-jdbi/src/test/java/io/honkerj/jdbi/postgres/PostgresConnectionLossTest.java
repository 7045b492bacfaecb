package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.honkerj.api.CommitOutcomeUnknownException;
import io.honkerj.api.DatabaseFailedException;
import io.honkerj.api.Job;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.Honkers;
import io.honkerj.jdbi.JdbiHonker;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Honker's connections ended by the server ({@code pg_terminate_backend}, as in a failover or a restart)
 * between operations, in the middle of a transaction and during its commit, on honker's own connections and
 * inside the caller's transaction: each time either a transparent retry or a clear exception, nothing lost or
 * written twice, and the honker working again afterwards.
 */
class PostgresConnectionLossTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    /** Ends every other session on the test database and waits until they are gone. */
    private static int terminateAllOthers() {
        // OFFSET 0 keeps the planner from testing pg_terminate_backend before "not this session"
        return PG.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM (SELECT pid FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                + " OFFSET 0) others WHERE pg_terminate_backend(others.pid, 5000)").mapTo(Integer.class).one());
    }

    /** Ends one session (from another connection) and waits until it is gone. */
    private static void terminate(int pid) {
        boolean ended = PG.jdbi().withHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid, 5000)")
                .bind("pid", pid).mapTo(Boolean.class).one());
        assertThat(ended).as("backend %d ended", pid).isTrue();
    }

    private static int pid(Handle h) {
        return h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
    }

    private static long count(String sql) {
        return PG.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void betweenOperationsTheNextOneRunsOnANewConnection() {
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            honker.queue("between").enqueue("a");
            assertThat(terminateAllOthers()).isPositive();
            honker.queue("between").enqueue("b"); // a write
            assertThat(terminateAllOthers()).isPositive();
            assertThat(honker.queue("between").stats().pending()).isEqualTo(2); // a read
            assertThat(terminateAllOthers()).isPositive();
            List<Job> jobs = honker.queue("between").claimBatch("w", 10);
            assertThat(jobs).extracting(Job::payloadJson).containsExactly("\"a\"", "\"b\"");
            assertThat(honker.queue("between").ackBatch(jobs.stream().map(Job::id).toList(), "w")).isEqualTo(2);
        }
        assertThat(count("SELECT count(*) FROM _honker_live WHERE queue = 'between'")).isZero();
    }

    @Test
    void lostInTheMiddleOfATransactionTheWholeTransactionRunsAgainOnce() {
        PG.jdbi().useHandle(h -> h.execute("CREATE TABLE mid_orders (id bigint PRIMARY KEY)"));
        AtomicInteger attempts = new AtomicInteger();
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            long jobId = honker.inTransaction((h, tx) -> {
                long id = tx.queue("mid").enqueue("receipt");
                if (attempts.incrementAndGet() == 1) {
                    terminate(pid(h));
                }
                h.execute("INSERT INTO mid_orders (id) VALUES (1)");
                return id;
            });
            assertThat(attempts).hasValue(2);
            assertThat(honker.queue("mid").getJob(jobId)).isPresent();
            assertThat(honker.queue("mid").stats().pending()).isEqualTo(1);
        }
        assertThat(count("SELECT count(*) FROM mid_orders")).isEqualTo(1);
    }

    @Test
    void lostDuringTheCommitSaysTheOutcomeIsUnknownAndDoesNotRunItAgain() {
        AtomicInteger attempts = new AtomicInteger();
        try (JdbiHonker honker = Honkers.open(PG.dataSource())) {
            assertThatThrownBy(() -> honker.inTransaction((h, tx) -> {
                attempts.incrementAndGet();
                tx.queue("commit").enqueue("maybe");
                terminate(pid(h)); // the last thing before the commit
                return null;
            })).isInstanceOf(CommitOutcomeUnknownException.class)
                    .hasMessageContaining("during the commit").hasMessageContaining("PostgreSQL database honkerj_");
            assertThat(attempts).hasValue(1);
            // the session ended before the commit arrived: the server rolled it back; honker works again
            assertThat(honker.queue("commit").stats().pending()).isZero();
            honker.queue("commit").enqueue("again");
            assertThat(honker.queue("commit").stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void insideTheCallersTransactionNothingIsRetriedAndNothingIsWritten() {
        Jdbi app = PG.jdbi().installPlugin(new HonkerPlugin());
        app.useHandle(h -> h.execute("CREATE TABLE tx_orders (id bigint PRIMARY KEY)"));
        try (JdbiHonker honker = JdbiHonker.create(app)) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> app.useTransaction(h -> {
                attempts.incrementAndGet();
                h.execute("INSERT INTO tx_orders (id) VALUES (1)");
                JdbiHonker.attach(h).queue("tx").enqueue("first");
                terminate(pid(h));
                JdbiHonker.attach(h).queue("tx").enqueue("second");
            })).isInstanceOf(DatabaseFailedException.class).hasMessageContaining("inside your transaction")
                    .hasMessageContaining("nothing of it is written").hasMessageContaining("run your whole transaction");
            assertThat(attempts).hasValue(1);
            assertThat(count("SELECT count(*) FROM tx_orders")).isZero();
            assertThat(honker.queue("tx").stats().pending()).isZero();
            app.useTransaction(h -> {
                h.execute("INSERT INTO tx_orders (id) VALUES (2)");
                JdbiHonker.attach(h).queue("tx").enqueue("works again");
            });
            assertThat(honker.queue("tx").stats().pending()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatCannotBeReachedIsNamedAndTheHonkerWorksOnceItIsBack() {
        Unreachable ds = new Unreachable(PG.dataSource());
        try (JdbiHonker honker = Honkers.open(ds)) {
            honker.queue("down").enqueue("before");
            ds.down.set(true);
            terminateAllOthers();
            assertThatThrownBy(() -> honker.queue("down").enqueue("while down"))
                    .isInstanceOf(DatabaseFailedException.class).hasMessageContaining("08001")
                    .hasMessageContaining("again on a new connection").hasMessageContaining("Nothing of the transaction");
            ds.down.set(false);
            honker.queue("down").enqueue("after");
            assertThat(honker.queue("down").claimBatch("w", 10)).extracting(Job::payloadJson)
                    .containsExactly("\"before\"", "\"after\"");
        }
    }

    @Test
    void onAHikariPoolALostConnectionIsDroppedAndTheNextOneServes() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(PG.jdbcUrl());
        cfg.setMaximumPoolSize(2);
        cfg.setMinimumIdle(2);
        cfg.setPoolName("lost-pg");
        try (HikariDataSource pool = new HikariDataSource(cfg)) {
            Jdbi app = Jdbi.create(pool).installPlugin(new HonkerPlugin());
            try (JdbiHonker honker = JdbiHonker.create(app, 1)) {
                honker.queue("hikari").enqueue("a");
                terminate(honker.inTransaction((h, tx) -> pid(h)));
                honker.queue("hikari").enqueue("b");
                assertThat(honker.queue("hikari").claimBatch("w", 10)).extracting(Job::payloadJson)
                        .containsExactly("\"a\"", "\"b\"");
            }
            app.useHandle(h -> assertThat(pid(h)).isPositive()); // the pool serves again
        }
    }

    /** The test's DataSource with a switch that makes new connections fail as an unreachable server does. */
    private static final class Unreachable implements DataSource {
        private final DataSource delegate;
        final AtomicBoolean down = new AtomicBoolean();

        Unreachable(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) {
                throw new SQLNonTransientConnectionException("Connection to localhost refused", "08001");
            }
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
