package io.honkerj.jdbi.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.honkerj.api.HonkerException;
import io.honkerj.jdbi.HonkerPlugin;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine is found from the driver's product name, and each engine reads its own file before the shared one. */
class EngineTest {
    @TempDir
    Path dir;

    @Test
    void productNamesMapToEnginesAndOthersAreRefusedByName() {
        assertThat(Engine.ofProductName("SQLite")).isEqualTo(Engine.SQLITE);
        assertThat(Engine.ofProductName("PostgreSQL")).isEqualTo(Engine.POSTGRES);
        assertThatThrownBy(() -> Engine.ofProductName("H2"))
                .isInstanceOf(UnsupportedEngineException.class).isInstanceOf(HonkerException.class)
                .hasMessageContaining("'H2'").hasMessageContaining("SQLite and PostgreSQL")
                .satisfies(e -> assertThat(((UnsupportedEngineException) e).productName()).isEqualTo("H2"));
    }

    @Test
    void capabilitiesDifferByEngineNotByName() {
        assertThat(Engine.POSTGRES.skipLocked()).isTrue();
        assertThat(Engine.POSTGRES.listenNotify()).isTrue();
        assertThat(Engine.POSTGRES.javaSqlFunctions()).isFalse();
        assertThat(Engine.SQLITE.dataVersion()).isTrue();
        assertThat(Engine.SQLITE.skipLocked()).isFalse();
    }

    @Test
    void pluginSetsTheEngineOfEachHandleFromItsConnection() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("e.db")).installPlugin(new HonkerPlugin());
        Engine engine = jdbi.withHandle(h -> h.getConfig(EngineConfig.class).engine());
        assertThat(engine).isEqualTo(Engine.SQLITE);
    }

    @Test
    void engineFileFirstThenTheSharedFileAndAMissingOneNamesBothPaths() throws Exception {
        Class<?> queueDao = Class.forName("io.honkerj.jdbi.queue.QueueDao");
        EngineSqlLocator locator = new EngineSqlLocator();
        assertThat(locator.locate(queueDao, "claimBatch", Engine.POSTGRES)).contains("SKIP LOCKED");
        assertThat(locator.locate(queueDao, "claimBatch", Engine.SQLITE)).doesNotContain("SKIP LOCKED");
        assertThat(locator.locate(queueDao, "ack", Engine.POSTGRES))
                .isEqualTo(locator.locate(queueDao, "ack", Engine.SQLITE));
        assertThatThrownBy(() -> locator.locate(queueDao, "noSuchStatement", Engine.POSTGRES))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io/honkerj/jdbi/queue/QueueDao/postgres/noSuchStatement.sql")
                .hasMessageContaining("io/honkerj/jdbi/queue/QueueDao/noSuchStatement.sql");
    }
}
