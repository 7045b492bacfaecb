package io.honkerj.jdbi.stream;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The stream statements; SQL in {@code io/honkerj/jdbi/stream/StreamDao/<method>.sql}. */
@UseEngineSqlLocator
@RegisterRowMapper(StreamRowMapper.class)
interface StreamDao {

    /** {@code publish.sql}. */
    @SqlQuery
    long publish(String topic, String key, String payload, long now);

    /** {@code readSince.sql}. */
    @SqlQuery
    List<StreamEventRow> readSince(String topic, long offset, int limit);

    /** {@code saveOffset.sql}. */
    @SqlUpdate
    int saveOffset(String consumer, String topic, long offset);

    /** {@code getOffset.sql}. */
    @SqlQuery
    long getOffset(String consumer, String topic);
}
