package io.honkerj.jdbi.schema;

import java.util.List;
import io.honkerj.jdbi.engine.UseEngineSqlLocator;
import org.jdbi.v3.sqlobject.customizer.Define;
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

    /**
     * Takes the lock that serializes bootstraps (PostgreSQL: a transaction-scoped advisory lock): {@code lockBootstrap.sql}.
     *
     * @return 1
     */
    @SqlQuery
    int lockBootstrap();

    /**
     * Creates honker's schema if missing (PostgreSQL): {@code createSchema.sql}.
     *
     * @param schema the schema's name as a quoted identifier (checked by {@code HonkerConfig.setSchema})
     */
    @SqlUpdate
    void createSchema(@Define("schema") String schema);

    /**
     * @param schema honker's schema
     * @return null if the connection's current schema is {@code schema}, else its search path:
     *     {@code searchPathFor.sql}
     */
    @SqlQuery
    String searchPathFor(String schema);

    /**
     * Puts {@code schema} first on the connection's search path: {@code putSchemaFirst.sql}.
     *
     * @param schema honker's schema
     * @return the new search path
     */
    @SqlQuery
    String putSchemaFirst(String schema);

    /**
     * Sets the connection's search path: {@code setSearchPath.sql}.
     *
     * @param path the path, as {@link #searchPathFor} answered it
     * @return the path
     */
    @SqlQuery
    String setSearchPath(String path);
}
