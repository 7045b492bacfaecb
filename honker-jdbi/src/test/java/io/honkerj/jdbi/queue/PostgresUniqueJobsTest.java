package io.honkerj.jdbi.queue;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link UniqueJobsTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}; the race of 3 child
 * JVMs runs on a fresh schema of the class's database ({@code HonkerExtension.shared}).
 */
class PostgresUniqueJobsTest extends UniqueJobsTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }
}
