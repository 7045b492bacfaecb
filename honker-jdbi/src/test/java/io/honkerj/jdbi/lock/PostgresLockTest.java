package io.honkerj.jdbi.lock;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LockTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}. */
class PostgresLockTest extends LockTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
