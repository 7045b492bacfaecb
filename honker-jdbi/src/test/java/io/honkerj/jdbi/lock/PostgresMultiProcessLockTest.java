package io.honkerj.jdbi.lock;

import io.honkerj.jdbi.SharedDatabase;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MultiProcessLockTest} on PostgreSQL: the child JVMs get a JDBC URL of a fresh schema of the class's
 * database instead of a file. Three processes contend for one lock: never two inside at once.
 *
 * <p>Disabled, with the reason, while the lock room's PostgreSQL statements ({@code LockDao/postgres/}) are not
 * on the classpath: they come with the rooms' branch; the shared SQLite statements do not run on PostgreSQL
 * ({@code insertIfAbsent.sql} is an {@code INSERT OR IGNORE}).
 */
@EnabledIf(value = "lockRoomRunsOnPostgres", disabledReason = "the lock room's PostgreSQL statements are not merged yet")
class PostgresMultiProcessLockTest extends MultiProcessLockTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String STATEMENTS = "/io/honkerj/jdbi/lock/LockDao/postgres/insertIfAbsent.sql";

    static boolean lockRoomRunsOnPostgres() {
        return PostgresMultiProcessLockTest.class.getResource(STATEMENTS) != null;
    }

    @Override
    SharedDatabase database(String name) {
        return SharedDatabase.postgres(PG);
    }
}
