package io.honkerj.jdbi.result;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ResultTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}. */
class PostgresResultTest extends ResultTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
