package io.honkerj.jdbi.stream;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StreamTest}'s behaviours on PostgreSQL. */
class PostgresStreamTest extends StreamTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
