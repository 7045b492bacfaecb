package io.honkerj.jdbi.lock;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The lock statements; each method's SQL is {@code io/honkerj/jdbi/lock/LockDao/<method>.sql}. */
@UseEngineSqlLocator
@RegisterConstructorMapper(HolderRow.class)
interface LockDao {

    /** {@code deleteExpired.sql}. */
    @SqlUpdate
    int deleteExpired(String name, long now);

    /** {@code insertIfAbsent.sql}. */
    @SqlUpdate
    int insertIfAbsent(String name, String owner, long expiresAt);

    /** {@code holder.sql}. */
    @SqlQuery
    Optional<HolderRow> holder(String name);

    /** {@code release.sql}. */
    @SqlUpdate
    int release(String name, String owner);

    /** {@code renew.sql}. */
    @SqlUpdate
    int renew(String name, String owner, long expiresAt, long now);

    /** Upstream's renew, which revives a lapsed lease (for the SQL function only): {@code renewEvenIfLapsed.sql}. */
    @SqlUpdate
    int renewEvenIfLapsed(String name, String owner, long expiresAt);
}
