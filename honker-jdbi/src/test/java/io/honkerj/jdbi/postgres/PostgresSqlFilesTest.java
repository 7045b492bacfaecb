package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThatCode;

import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import java.lang.reflect.Method;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every statement the PostgreSQL engine runs for a DAO (its own file, or the shared file it falls back to)
 * is valid PostgreSQL against the schema: the server prepares each one ({@code PREPARE}, so names, types
 * and syntax are checked without running it; DDL, which cannot be prepared, is run: it is idempotent).
 * Lists the DAOs ported so far; a DAO joins when its {@code postgres/} folder is complete.
 */
class PostgresSqlFilesTest {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final Pattern DDL = Pattern.compile("\\s*(CREATE|ALTER|DO)\\b", Pattern.CASE_INSENSITIVE);
    private static final EngineSqlLocator LOCATOR = new EngineSqlLocator();

    @BeforeAll
    static void schema() throws Exception {
        String bootstrap = LOCATOR.locate(Class.forName("io.honkerj.jdbi.schema.SchemaDao"), "bootstrap",
                Engine.POSTGRES);
        PG.jdbi().useHandle(h -> h.createScript(bootstrap).execute());
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.honkerj.jdbi.schema.SchemaDao", "io.honkerj.jdbi.queue.QueueDao",
        "io.honkerj.jdbi.notify.NotifyDao", "io.honkerj.jdbi.stream.StreamDao"})
    void everyStatementPreparesOnPostgres(String daoName) throws Exception {
        Class<?> dao = Class.forName(daoName);
        PG.jdbi().useHandle(h -> {
            for (Method m : dao.getDeclaredMethods()) {
                if (m.isSynthetic() || m.isDefault()) {
                    continue;
                }
                String name = EngineSqlLocator.statementName(m);
                String sql = LOCATOR.locate(dao, name, Engine.POSTGRES);
                if (m.isAnnotationPresent(SqlScript.class) || DDL.matcher(sql).lookingAt()) {
                    assertThatCode(() -> h.createScript(sql).execute()).as(name).doesNotThrowAnyException();
                } else {
                    assertThatCode(() -> prepare(h, sql)).as(name + ":\n" + sql).doesNotThrowAnyException();
                }
            }
        });
    }

    /** Prepares (and drops) a statement with Jdbi's {@code :name} parameters turned into {@code $n}. */
    static void prepare(Handle h, String sql) {
        h.execute("PREPARE honkerj_check AS " + PostgresStatements.positional(sql).sql());
        h.execute("DEALLOCATE honkerj_check");
    }
}
