package io.honkerj.jdbi.worker;

import io.honkerj.jdbi.HonkerExtension;
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

    @Override
    @org.junit.jupiter.api.Disabled("ends with JdbiHonker.attach(handle), refused on PostgreSQL until the pgconn branch "
            + "(attach on PostgreSQL); remove at merge")
    void badConfigurationIsRejectedNamingTheValue() {
    }

    @Override
    @org.junit.jupiter.api.Disabled("opens a second honker on the test's file (Honkers.builder(file)); on PostgreSQL that "
            + "is Honkers.open(DataSource), the pgconn branch")
    void closingTheHonkerShutsItsPoolsDownFirst() {
    }
}
