package io.honkerj.jdbi.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.QueueOptions;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.JacksonPayloadCodec;
import io.honkerj.jdbi.internal.CachingStatementBuilder;
import io.honkerj.jdbi.internal.HonkerSettings;
import io.honkerj.jdbi.internal.PooledDatabase;
import io.honkerj.jdbi.schema.Schema;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CoreStatement;

/**
 * Honker's statements are prepared once per handle and reused with their bindings in place: the hot ones
 * ({@code @Prepared}) by honker itself, the others through Jdbi and the caching statement builder.
 */
class PreparedStatementsTest {
    @TempDir
    Path dir;

    private static Object field(PreparedStatement st, String name) throws ReflectiveOperationException {
        Field f = CoreStatement.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(st);
    }

    private static boolean hasBindings(PreparedStatement st) throws ReflectiveOperationException {
        Object[] values = (Object[]) field(st, "batch");
        return values != null && values.length > 0 && values[0] != null;
    }

    private PooledDatabase open(Jdbi jdbi, Path file) {
        HonkerSettings settings =
                new HonkerSettings(Clock.systemUTC(), new JacksonPayloadCodec(), Duration.ofSeconds(5), null);
        PooledDatabase db = PooledDatabase.borrowing(jdbi, settings, file, 1);
        db.write(s -> {
            Schema.bootstrap(s.handle());
            return null;
        });
        return db;
    }

    private static PreparedStatement own(PooledDatabase db, String method) {
        String sql = ClasspathSqlLocator.removingComments().locate(QueueDao.class, method).trim();
        return db.read(s -> {
            try {
                Connection conn = s.handle().getConnection();
                return ((CachingStatementBuilder) s.handle().getStatementBuilder()).prepareOwn(conn, sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static int preparations(PooledDatabase db) {
        return db.read(s -> ((CachingStatementBuilder) s.handle().getStatementBuilder()).preparations());
    }

    @Test
    void aReusedClaimStatementIsNeitherPreparedAgainNorClearedSoSqliteDoesNotPlanItAgain() throws Exception {
        Path file = dir.resolve("reuse.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        try (PooledDatabase db = open(jdbi, file)) {
            JdbiQueue q = new JdbiQueue(db, "q", QueueOptions.defaults());
            q.enqueue(0);
            assertThat(q.claimOne("w")).isPresent();
            PreparedStatement claim = own(db, "claimBatch");
            int prepared = preparations(db);
            for (int i = 1; i < 4; i++) {
                q.enqueue(i);
                assertThat(q.claimOne("w")).isPresent();
                // sqlite3_clear_bindings (clearParameters) would make SQLite plan the claim again on its next step
                assertThat(hasBindings(claim)).as("bindings kept between calls").isTrue();
            }
            assertThat(own(db, "claimBatch")).as("one prepared statement, reused").isSameAs(claim);
            assertThat(preparations(db)).as("nothing prepared again").isEqualTo(prepared);
        }
    }

    @Test
    void honkersInsertsDoNotMakeSqliteJdbcQueryLastInsertRowid() throws Exception {
        Path file = dir.resolve("keys.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        try (PooledDatabase db = open(jdbi, file)) {
            JdbiQueue q = new JdbiQueue(db, "q", QueueOptions.defaults());
            long first = q.enqueue("a");
            long second = q.enqueue("b");
            assertThat(second).isEqualTo(first + 1); // ids still come back, through RETURNING
            assertThat(field(own(db, "enqueue"), "generatedKeysStat")).isNull();
        }
    }

    @Test
    void honkersOtherStatementsStayPreparedThroughJdbiWhileTheCallersGoThroughItsBuilder() {
        List<PreparedStatement> seen = new ArrayList<>();
        Path file = dir.resolve("jdbi.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeBinding(PreparedStatement stmt, StatementContext ctx) {
                if (ctx.getExtensionMethod() != null
                        && ctx.getExtensionMethod().getMethod().getName().equals("getJob")) {
                    seen.add(stmt);
                }
            }
        });
        try (PooledDatabase db = open(jdbi, file)) {
            JdbiQueue q = new JdbiQueue(db, "q", QueueOptions.defaults());
            long id = q.enqueue("a");
            for (int i = 0; i < 3; i++) {
                assertThat(q.getJob(id)).isPresent();
            }
        }
        assertThat(seen).hasSize(3);
        assertThat(seen).as("one prepared statement, reused").containsOnly(seen.get(0));
    }
}
