package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Job;
import io.honkerj.api.QueueOptions;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.JacksonPayloadCodec;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import io.honkerj.jdbi.internal.CachingStatementBuilder;
import io.honkerj.jdbi.internal.HonkerSettings;
import io.honkerj.jdbi.internal.PooledDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import io.honkerj.jdbi.schema.Schema;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL too, honker's hot statements ({@code @Prepared}) take the fast path: run by honker on the
 * connection, never through Jdbi's statement machinery, prepared once per connection and, reused, made
 * server-side prepared statements by pgjdbc (one each in the session's {@code pg_prepared_statements}).
 */
class PostgresPreparedStatementsTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    /** The @Prepared statements a claim and ack run, and enqueue. */
    private static final List<String> HOT = List.of("enqueue", "deadLetterLapsedClaims", "claimBatch", "ackBatch");

    private static PooledDatabase open(Jdbi jdbi) {
        HonkerSettings settings =
                new HonkerSettings(Clock.systemUTC(), new JacksonPayloadCodec(), Duration.ofSeconds(5), null);
        PooledDatabase db = PooledDatabase.borrowing(jdbi, settings, null, 1);
        db.write(s -> {
            Schema.bootstrap(s.handle());
            return null;
        });
        return db;
    }

    /** The text honker prepares for a QueueDao method on PostgreSQL: each :name a ? of its own. */
    private static String positional(String method) {
        String sql = new EngineSqlLocator().locate(QueueDao.class, method, Engine.POSTGRES).trim();
        return new ColonPrefixSqlParser().parse(sql, null).getSql();
    }

    private static PreparedStatement own(PooledDatabase db, String method) {
        return db.read(s -> {
            try {
                return ((CachingStatementBuilder) s.handle().getStatementBuilder())
                        .prepareOwn(s.handle().getConnection(), positional(method));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static int preparations(PooledDatabase db) {
        return db.read(s -> ((CachingStatementBuilder) s.handle().getStatementBuilder()).preparations());
    }

    /** The server-side prepared statements of honker's one connection, by text, with how many of each. */
    private static List<Map<String, Object>> serverPrepared(PooledDatabase db) {
        return db.read(s -> s.handle().createQuery("SELECT statement, count(*) AS copies FROM pg_prepared_statements"
                + " WHERE statement LIKE '/* honker */%' GROUP BY statement").mapToMap().list());
    }

    @Test
    void hotStatementsRunWithoutJdbiArePreparedOnceAndBecomeServerSidePreparedStatements() {
        List<String> throughJdbi = new ArrayList<>();
        Jdbi jdbi = PG.jdbi().installPlugin(new HonkerPlugin());
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeBinding(PreparedStatement stmt, StatementContext ctx) {
                if (ctx.getExtensionMethod() != null) {
                    throughJdbi.add(ctx.getExtensionMethod().getMethod().getName());
                }
            }
        });
        try (PooledDatabase db = open(jdbi)) {
            JdbiQueue q = new JdbiQueue(db, "fast", QueueOptions.defaults());
            q.enqueue(0);
            List<Job> first = q.claimBatch("w", 10);
            assertThat(q.ackBatch(first.stream().map(Job::id).toList(), "w")).isEqualTo(1);
            List<PreparedStatement> statements = HOT.stream().map(m -> own(db, m)).toList();
            int prepared = preparations(db);
            for (int i = 1; i <= 10; i++) { // past pgjdbc's prepareThreshold (5)
                q.enqueue(i);
                q.enqueue(-i);
                List<Job> jobs = q.claimBatch("w", 10);
                assertThat(jobs).hasSize(2);
                assertThat(q.ackBatch(jobs.stream().map(Job::id).toList(), "w")).isEqualTo(2);
            }
            assertThat(throughJdbi).as("no hot statement went through Jdbi's statement machinery, the others did")
                    .isNotEmpty().doesNotContainAnyElementsOf(HOT);
            assertThat(preparations(db)).as("nothing prepared again").isEqualTo(prepared);
            assertThat(HOT.stream().map(m -> own(db, m)).toList()).as("the same statements, reused")
                    .isEqualTo(statements);
            List<Map<String, Object>> server = serverPrepared(db);
            assertThat(server).as("one server-side prepared statement per text")
                    .allSatisfy(row -> assertThat(((Number) row.get("copies")).longValue()).isEqualTo(1));
            assertThat(server).extracting(row -> (String) row.get("statement"))
                    .anySatisfy(sql -> assertThat(sql).contains("FOR UPDATE SKIP LOCKED").contains("$1"))
                    .anySatisfy(sql -> assertThat(sql).startsWith("/* honker */ WITH job AS (")
                            .contains("INSERT INTO _honker_live"));
        }
        long left = PG.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM _honker_live")
                .mapTo(Long.class).one());
        assertThat(left).as("every job acked").isZero();
    }

    @Test
    void aParameterUsedSeveralTimesIsBoundAtEachPlaceAndCastsAreLeftAlone() {
        // claimBatch uses :now three times and :queue twice, with CAST(:now AS bigint): a claim that only
        // bound the first of each would claim nothing, or fail on an unbound parameter
        assertThat(positional("claimBatch")).doesNotContain(":now").doesNotContain(":queue");
        try (PooledDatabase db = open(PG.jdbi().installPlugin(new HonkerPlugin()))) {
            JdbiQueue q = new JdbiQueue(db, "places", QueueOptions.defaults());
            long id = q.enqueue("x");
            assertThat(q.claimBatch("w", 5)).extracting(Job::id).containsExactly(id);
            assertThat(q.claimBatch("w", 5)).isEmpty();
        }
    }
}
