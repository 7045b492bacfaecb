package io.honkerj.jdbi.result;

import java.util.Optional;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The result statements; SQL in {@code io/honkerj/jdbi/result/ResultDao/<method>.sql}. Public because the
 * queue room stores a result and acks in one transaction.
 */
@UseEngineSqlLocator
public interface ResultDao {

    /**
     * {@code save.sql}.
     *
     * @param jobId the job
     * @param value JSON text
     * @param expiresAt unix seconds, or null for never
     * @param now unix seconds
     */
    @SqlUpdate
    void save(long jobId, String value, Long expiresAt, long now);

    /**
     * {@code get.sql}.
     *
     * @param jobId the job
     * @param now unix seconds
     * @return the JSON text unless missing or expired
     */
    @SqlQuery
    Optional<String> get(long jobId, long now);

    /**
     * {@code delete.sql}.
     *
     * @param jobId the job
     * @return rows deleted
     */
    @SqlUpdate
    int delete(long jobId);

    /**
     * {@code pruneExpired.sql}.
     *
     * @param now unix seconds
     * @return rows deleted
     */
    @SqlUpdate
    int pruneExpired(long now);
}
