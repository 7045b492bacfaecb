package io.honkerj.jdbi.postgres;

import static org.assertj.core.api.Assertions.assertThat;
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

    private static final Pattern DDL = Pattern.compile("\\s*(CREATE|ALTER)\\b", Pattern.CASE_INSENSITIVE);
    private static final EngineSqlLocator LOCATOR = new EngineSqlLocator();

    @BeforeAll
    static void schema() throws Exception {
        String bootstrap = LOCATOR.locate(Class.forName("io.honkerj.jdbi.schema.SchemaDao"), "bootstrap",
                Engine.POSTGRES);
        PG.jdbi().useHandle(h -> h.createScript(bootstrap).execute());
    }

    @ParameterizedTest
    @ValueSource(strings = {"io.honkerj.jdbi.schema.SchemaDao", "io.honkerj.jdbi.queue.QueueDao",
            "io.honkerj.jdbi.lock.LockDao", "io.honkerj.jdbi.ratelimit.RateLimitDao", "io.honkerj.jdbi.result.ResultDao",
            "io.honkerj.jdbi.scheduler.SchedulerDao", "io.honkerj.jdbi.metrics.MetricsDao",
            "io.honkerj.jdbi.notify.NotifyDao", "io.honkerj.jdbi.stream.StreamDao",
            "io.honkerj.jdbi.move.TargetDao"})
    void everyStatementPreparesOnPostgres(String daoName) throws Exception {
        Class<?> dao = Class.forName(daoName);
        PG.jdbi().useHandle(h -> {
            h.define("schema", "honkerj_files_check"); // SchemaDao.createSchema's <schema>
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

    /**
     * The dashboard module's statements ({@code io/honkerj/dashboard/DashboardDao}, also in honker-sql) too:
     * the dashboard runs them on whatever honker it is given, a PostgreSQL one included. Listed from the
     * folder, as the dashboard's own {@code DashboardSqlFilesTest} does, so a new one is checked here too.
     */
    @org.junit.jupiter.api.Test
    void everyDashboardStatementPreparesOnPostgres() throws Exception {
        String folder = "io/honkerj/dashboard/DashboardDao";
        java.net.URI uri = PostgresSqlFilesTest.class.getClassLoader().getResource(folder).toURI();
        java.util.List<String> names;
        if (uri.getScheme().equals("jar")) {
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(uri, java.util.Map.of())) {
                names = sqlNames(jar.provider().getPath(uri));
            }
        } else {
            names = sqlNames(java.nio.file.Path.of(uri));
        }
        assertThat(names).contains("totals", "queues", "topics");
        for (String name : names) {
            String own = folder + "/postgres/" + name + ".sql";
            String path = PostgresSqlFilesTest.class.getClassLoader().getResource(own) != null ? own
                    : folder + "/" + name + ".sql";
            String sql;
            try (var in = PostgresSqlFilesTest.class.getClassLoader().getResourceAsStream(path)) {
                sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replaceAll("(?m)^--.*$", "");
            }
            PG.jdbi().useHandle(h -> assertThatCode(() -> prepare(h, sql)).as(path + ":\n" + sql)
                    .doesNotThrowAnyException());
        }
    }

    private static java.util.List<String> sqlNames(java.nio.file.Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** Prepares (and drops) a statement with Jdbi's {@code :name} parameters turned into {@code $n}. */
    static void prepare(Handle h, String sql) {
        h.execute("PREPARE honkerj_check AS " + PostgresStatements.positional(sql).sql());
        h.execute("DEALLOCATE honkerj_check");
    }
}
