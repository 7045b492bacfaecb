package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.HonkerExtension;
import io.honkerj.jdbi.JdbiHonker;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LocalHandoffTest}'s behaviours on PostgreSQL: honkers on one Jdbi hand each other's listeners
 * their notifications; the channel's advisory lock keeps ids in commit order, so the handoff's "previous
 * id" check holds with concurrent senders.
 */
class PostgresLocalHandoffTest extends LocalHandoffTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Override
    HonkerExtension database() {
        return HonkerExtension.postgres(T0, PG);
    }

    @Override
    JdbiHonker anotherHonker() {
        return JdbiHonker.create(db.honker().jdbi());
    }

    @Override
    Object localDatabase() {
        return new io.honkerj.jdbi.internal.Database.Shared(db.honker().jdbi(), null);
    }
}
