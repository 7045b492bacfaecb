package io.honkerj.jdbi.scheduler;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The scheduler statements; SQL in {@code io/honkerj/jdbi/scheduler/SchedulerDao/<method>.sql}. */
@UseEngineSqlLocator
@RegisterConstructorMapper(TaskRow.class)
interface SchedulerDao {

    /** {@code register.sql}. */
    @SqlUpdate
    int register(String name, String queue, String cron, String payload, int priority, Long expiresS,
            long nextFireAt, int maxAttempts);

    /** {@code add.sql}. */
    @SqlUpdate
    int add(String name, String queue, String cron, String payload, int priority, Long expiresS,
            long nextFireAt, int maxAttempts);

    /** {@code unregister.sql}. */
    @SqlUpdate
    int unregister(String name);

    /** {@code pause.sql}. */
    @SqlUpdate
    int pause(String name);

    /** {@code resume.sql}. */
    @SqlUpdate
    int resume(String name, long nextFireAt);

    /** {@code list.sql}. */
    @SqlQuery
    List<TaskRow> list();

    /** {@code get.sql}. */
    @SqlQuery
    Optional<TaskRow> get(String name);

    /** {@code due.sql}. */
    @SqlQuery
    List<TaskRow> due(long now);

    /** Due tasks in table order, as upstream's tick visits them (for the SQL function): {@code dueInTableOrder.sql}. */
    @SqlQuery
    List<TaskRow> dueInTableOrder(long now);

    /** {@code setNextFire.sql}. */
    @SqlUpdate
    int setNextFire(String name, long nextFireAt);

    /** {@code update.sql}. */
    @SqlUpdate
    int update(String name, String cron, String payload, int priority, Long expiresS, int maxAttempts,
            long nextFireAt);

    /** {@code soonest.sql}. */
    @SqlQuery
    Long soonest();
}
