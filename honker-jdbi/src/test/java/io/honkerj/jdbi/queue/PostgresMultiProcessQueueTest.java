package io.honkerj.jdbi.queue;

import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MultiProcessQueueTest} on PostgreSQL: the child JVMs get a JDBC URL of a fresh schema of the class's
 * database instead of a file; 3 processes of 4 threads ack each of 20,000 jobs exactly once, and a SIGKILLed
 * process's job is claimed by another once its lease lapses.
 */
class PostgresMultiProcessQueueTest extends MultiProcessQueueTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    SharedDatabase database(String name) {
        return SharedDatabase.postgres(PG);
    }
}
