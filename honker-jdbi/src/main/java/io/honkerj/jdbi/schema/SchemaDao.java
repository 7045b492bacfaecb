package io.honkerj.jdbi.schema;

import java.util.List;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The schema statements; each method's SQL is {@code io/honkerj/jdbi/schema/SchemaDao/<method>.sql}. */
@UseEngineSqlLocator
interface SchemaDao {

    /** Creates every honker table and index that does not exist yet: {@code bootstrap.sql}. */
    @SqlScript
    void bootstrap();

    /**
     * Creates honker's SQL functions ({@code notify(channel, payload)}) in the database, on engines that
     * cannot register them in Java on each connection: {@code sqlFunctions.sql}.
     */
    @SqlUpdate
    void sqlFunctions();

    /** @return the columns of {@code _honker_scheduler_tasks}: {@code schedulerColumns.sql} */
    @SqlQuery
    List<String> schedulerColumns();

    /** @return every column of every table named {@code _honker_*}, as "table.column": {@code honkerColumns.sql} */
    @SqlQuery
    List<String> honkerColumns();

    /** @return the main database's file, '' for memory: {@code mainFile.sql} */
    @SqlQuery
    String mainFile();

    /** @return how many tables or migrated columns are missing: {@code missingTables.sql} */
    @SqlQuery
    int missingTables();

    /** Adds the {@code enabled} column to an old database: {@code addSchedulerEnabled.sql}. */
    @SqlUpdate
    void addSchedulerEnabled();

    /** Adds the {@code max_attempts} column to an old database: {@code addSchedulerMaxAttempts.sql}. */
    @SqlUpdate
    void addSchedulerMaxAttempts();
}
