package io.honkerj.jdbi.queue;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ClaimLeaseTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}. */
class PostgresClaimLeaseTest extends ClaimLeaseTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
