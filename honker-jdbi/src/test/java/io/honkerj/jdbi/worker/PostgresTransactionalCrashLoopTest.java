package io.honkerj.jdbi.worker;

import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link TransactionalCrashLoopTest} on PostgreSQL: the child JVMs get a JDBC URL of a fresh schema of the class's
 * database instead of a file. Workers SIGKILLed in a loop, mid-transaction: every job's business row exactly
 * once.
 */
class PostgresTransactionalCrashLoopTest extends TransactionalCrashLoopTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    SharedDatabase database(String name) {
        return SharedDatabase.postgres(PG);
    }
}
