package io.honkerj.jdbi.ratelimit;

import java.util.Optional;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The rate-limit statements; SQL in {@code io/honkerj/jdbi/ratelimit/RateLimitDao/<method>.sql}. */
@UseEngineSqlLocator
interface RateLimitDao {

    /** {@code tryAcquire.sql}: the new count, or empty when the window is full. */
    @SqlQuery
    Optional<Integer> tryAcquire(String name, long windowStart, int limit);

    /** {@code deleteOldWindows.sql}. */
    @SqlUpdate
    int deleteOldWindows(String name, long windowStart);

    /** {@code count.sql}. */
    @SqlQuery
    Optional<Integer> count(String name, long windowStart);

    /** {@code sweep.sql}. */
    @SqlUpdate
    int sweep(long before);
}
