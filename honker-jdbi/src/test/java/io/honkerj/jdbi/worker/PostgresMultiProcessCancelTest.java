package io.honkerj.jdbi.worker;

import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MultiProcessCancelTest} on PostgreSQL: the child JVMs get a JDBC URL of a fresh schema of the class's
 * database instead of a file. A cancel from the test's process interrupts the handler running the job in the
 * child.
 */
class PostgresMultiProcessCancelTest extends MultiProcessCancelTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    SharedDatabase database(String name) {
        return SharedDatabase.postgres(PG);
    }
}
