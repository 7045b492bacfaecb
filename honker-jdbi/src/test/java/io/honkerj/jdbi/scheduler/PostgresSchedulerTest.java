package io.honkerj.jdbi.scheduler;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SchedulerTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}. */
class PostgresSchedulerTest extends SchedulerTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }

    /** Two more honkers on the test's PostgreSQL Jdbi (its schema and clock), each with its own connections. */
    @Override
    List<JdbiHonker> twoHonkersOnOneDatabase() {
        return List.of(JdbiHonker.create(honker.jdbi()), JdbiHonker.create(honker.jdbi()));
    }
}
