package io.honkerj.jdbi.queue;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link QueueTest}'s behaviours on PostgreSQL: the same {@code Queue} through {@code JdbiHonker.create(jdbi)}. */
class PostgresQueueTest extends QueueTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
