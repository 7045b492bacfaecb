package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.internal.Prepared;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The notification statements; SQL in {@code io/honkerj/jdbi/notify/NotifyDao/<method>.sql}. */
@UseEngineSqlLocator
@RegisterRowMapper(NotifyRowMapper.class)
@RegisterRowMapper(SentRowMapper.class)
interface NotifyDao {

    /** {@code insert.sql}: the new id and the channel's id before it. */
    @Prepared
    @SqlQuery
    SentRow insert(String channel, String payload, long now);

    /** {@code newestId.sql}. */
    @SqlQuery
    long newestId(String channel);

    /** {@code since.sql}. */
    @Prepared
    @SqlQuery
    List<NotificationRow> since(String channel, long afterId, int limit);

    /** {@code keepFromId.sql}: null when there are at most {@code maxKeep} rows. */
    @SqlQuery
    Long keepFromId(int maxKeep);

    /** {@code prune.sql}. */
    @SqlUpdate
    int prune(long cutoff, Long upToId);
}
