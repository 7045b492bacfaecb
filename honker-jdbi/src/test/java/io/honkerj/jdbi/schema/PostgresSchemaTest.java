package io.honkerj.jdbi.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL schema has SQLite's tables, columns (in order) and indexes under the same names, bootstraps
 * twice without change, and goes into the connection's current schema ({@code public} unless set).
 */
class PostgresSchemaTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @TempDir
    Path dir;

    @Test
    void sameTablesColumnsAndIndexesAsSqliteAndIdempotent() throws Exception {
        Jdbi pg = PG.jdbi().installPlugin(new HonkerPlugin());
        Jdbi sqlite = Jdbi.create("jdbc:sqlite:" + Files.createFile(dir.resolve("s.db")))
                .installPlugin(new HonkerPlugin());
        sqlite.useHandle(Schema::bootstrap);
        Map<String, List<String>> sqliteTables = sqlite.withHandle(PostgresSchemaTest::sqliteColumns);
        List<String> sqliteIndexes = sqlite.withHandle(h -> h.createQuery(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
                .mapTo(String.class).list());

        pg.useHandle(h -> {
            assertThat(h.getConfig(EngineConfig.class).engine()).isEqualTo(Engine.POSTGRES);
            assertThat(h.attach(SchemaDao.class).missingTables()).isEqualTo(15);
            Schema.ensure(h);
            Map<String, List<String>> first = pgColumns(h, "public");
            Schema.bootstrap(h);
            Schema.ensure(h);
            assertThat(pgColumns(h, "public")).isEqualTo(first).isEqualTo(sqliteTables);
            assertThat(h.attach(SchemaDao.class).missingTables()).isZero();
            assertThat(h.createQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND indexname NOT LIKE '%\\_pkey' ORDER BY indexname").mapTo(String.class).list())
                    .isEqualTo(sqliteIndexes);
            assertThat(h.createQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    + " AND indexname = '_honker_live_claim'")
                    .mapTo(String.class).one()).contains("WHERE", "pending", "processing");
        });
    }

    @Test
    void goesIntoTheConnectionsCurrentSchema() {
        Jdbi pg = PG.jdbi().installPlugin(new HonkerPlugin());
        pg.useHandle(h -> {
            h.execute("CREATE SCHEMA honker_custom");
            h.execute("SET search_path TO honker_custom");
            assertThat(h.attach(SchemaDao.class).missingTables()).isEqualTo(15);
            Schema.ensure(h);
            assertThat(h.attach(SchemaDao.class).missingTables()).isZero();
            assertThat(pgColumns(h, "honker_custom")).containsKeys("_honker_live", "_honkerj_paused_queues");
        });
    }

    private static Map<String, List<String>> sqliteColumns(Handle h) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String t : h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name LIKE '\\_honker%' ESCAPE '\\' ORDER BY name").mapTo(String.class).list()) {
            tables.put(t, h.createQuery("SELECT name FROM pragma_table_info(:t) ORDER BY cid").bind("t", t)
                    .mapTo(String.class).list());
        }
        return tables;
    }

    private static Map<String, List<String>> pgColumns(Handle h, String schema) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String t : h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = :s"
                + " AND table_name LIKE '\\_honker%' ORDER BY table_name").bind("s", schema)
                .mapTo(String.class).list()) {
            tables.put(t, h.createQuery("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = :s AND table_name = :t ORDER BY ordinal_position")
                    .bind("s", schema).bind("t", t).mapTo(String.class).list());
        }
        return tables;
    }
}
