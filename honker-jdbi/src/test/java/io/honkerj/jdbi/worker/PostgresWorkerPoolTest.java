package io.honkerj.jdbi.worker;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link WorkerPoolTest}'s behaviours on PostgreSQL, through {@code JdbiHonker.create(jdbi)}. */
class PostgresWorkerPoolTest extends WorkerPoolTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }

    /** A second honker on the test's PostgreSQL Jdbi (its schema and clock), with its own connections. */
    @Override
    JdbiHonker anotherHonkerOnTheDatabase() {
        return JdbiHonker.create(honker.jdbi());
    }
}
