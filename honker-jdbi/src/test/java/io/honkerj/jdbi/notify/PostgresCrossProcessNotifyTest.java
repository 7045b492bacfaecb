package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link CrossProcessNotifyTest} on PostgreSQL: a child JVM's notifications and stream events reach this
 * JVM's listener and subscription through {@code LISTEN}/{@code NOTIFY}, all of them, in order.
 */
class PostgresCrossProcessNotifyTest extends CrossProcessNotifyTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    String database() {
        PG.jdbi().useHandle(h -> h.execute("CREATE SCHEMA IF NOT EXISTS xp"));
        return PG.jdbcUrl() + "&currentSchema=xp";
    }

    @Override
    JdbiHonker open(String database) {
        return JdbiHonker.create(Jdbi.create(database));
    }
}
