package io.honkerj.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.JacksonPayloadCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool hands out the handle given back last, so sequential writes keep one connection's page cache. */
class PooledDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void sequentialWritesAndReadsReuseTheHandleGivenBackLast() {
        Path file = dir.resolve("lifo.db");
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + file).installPlugin(new HonkerPlugin());
        HonkerSettings settings =
                new HonkerSettings(Clock.systemUTC(), new JacksonPayloadCodec(), Duration.ofSeconds(5), null);
        try (PooledDatabase db = PooledDatabase.borrowing(jdbi, settings, file, 4)) {
            // two handles open at once: the inner one goes back first, the outer one last
            Connection outer = db.read(s1 -> {
                Connection inner = db.read(s2 -> s2.handle().getConnection());
                assertThat(inner).isNotSameAs(s1.handle().getConnection());
                return s1.handle().getConnection();
            });
            List<Connection> used = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                used.add(db.write(s -> s.handle().getConnection()));
                used.add(db.read(s -> s.handle().getConnection()));
            }
            assertThat(used).as("every operation on the handle given back last").containsOnly(outer);
        }
    }
}
