package io.honkerj.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.api.Queue;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.JdbiHonker;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CoreStatement;

/** Honker's statements are prepared once per handle and reused with their bindings in place. */
class CachingStatementBuilderTest {
    @TempDir
    Path dir;

    /** What a claim statement looked like just before Jdbi bound its parameters. */
    private record Seen(PreparedStatement statement, boolean boundBefore) {}

    private static boolean hasBindings(PreparedStatement st) throws ReflectiveOperationException {
        Field batch = CoreStatement.class.getDeclaredField("batch");
        batch.setAccessible(true);
        Object[] values = (Object[]) batch.get(st);
        return values != null && values.length > 0 && values[0] != null;
    }

    @Test
    void aReusedClaimStatementIsNeitherPreparedAgainNorClearedSoSqliteDoesNotPlanItAgain() {
        List<Seen> seen = new ArrayList<>();
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("reuse.db")).installPlugin(new HonkerPlugin());
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeBinding(PreparedStatement stmt, StatementContext ctx) {
                if (ctx.getExtensionMethod() != null
                        && ctx.getExtensionMethod().getMethod().getName().equals("claimBatch")) {
                    try {
                        seen.add(new Seen(stmt, hasBindings(stmt)));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        try (JdbiHonker honker = JdbiHonker.create(jdbi, 1)) {
            Queue q = honker.queue("q");
            for (int i = 0; i < 3; i++) {
                q.enqueue(i);
                assertThat(q.claimOne("w")).isPresent();
            }
        }
        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(Seen::statement).as("one prepared statement, reused")
                .containsOnly(seen.get(0).statement());
        // sqlite3_clear_bindings (clearParameters) would make SQLite plan the claim again on its next step
        assertThat(seen.subList(1, 3)).extracting(Seen::boundBefore).as("bindings kept between calls")
                .containsOnly(true);
    }

    @Test
    void honkersInsertsDoNotMakeSqliteJdbcQueryLastInsertRowid() {
        List<Boolean> askedForKeys = new ArrayList<>();
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("keys.db")).installPlugin(new HonkerPlugin());
        jdbi.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void afterExecution(PreparedStatement stmt, StatementContext ctx) {
                if (ctx.getExtensionMethod() != null
                        && ctx.getExtensionMethod().getMethod().getName().equals("enqueue")) {
                    try {
                        Field keys = CoreStatement.class.getDeclaredField("generatedKeysStat");
                        keys.setAccessible(true);
                        askedForKeys.add(keys.get(stmt) != null);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });
        try (JdbiHonker honker = JdbiHonker.create(jdbi, 1)) {
            long first = honker.queue("q").enqueue("a");
            long second = honker.queue("q").enqueue("b");
            assertThat(second).isEqualTo(first + 1); // ids still come back, through RETURNING
        }
        assertThat(askedForKeys).hasSize(2).containsOnly(false);
    }
}
