package io.honkerj.jdbi.engine;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.sqlobject.locator.SqlLocator;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlCall;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlScript;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Finds a DAO method's statement for the handle's engine ({@link EngineConfig}): the engine's own file
 * first, the shared file otherwise, comments removed.
 *
 * <pre>
 * QueueDao.claimBatch on PostgreSQL  -&gt; io/honkerj/jdbi/queue/QueueDao/postgres/claimBatch.sql
 *                     (if absent)    -&gt; io/honkerj/jdbi/queue/QueueDao/claimBatch.sql
 * QueueDao.claimBatch on SQLite      -&gt; io/honkerj/jdbi/queue/QueueDao/sqlite/claimBatch.sql
 *                     (if absent)    -&gt; io/honkerj/jdbi/queue/QueueDao/claimBatch.sql
 * </pre>
 *
 * The name is the {@code @SqlQuery}/{@code @SqlUpdate} value if given, else the method's name, as with
 * Jdbi's {@code @UseClasspathSqlLocator}. A missing statement fails on call, naming both paths.
 */
public final class EngineSqlLocator implements SqlLocator {
    private static final ClasspathSqlLocator CLASSPATH = ClasspathSqlLocator.removingComments();

    private final Map<Key, String> found = new ConcurrentHashMap<>();

    /** Creates a locator (each keeps its own cache of statements found). */
    public EngineSqlLocator() {}

    @Override
    public String locate(Class<?> sqlObjectType, Method method, ConfigRegistry config) {
        return locate(sqlObjectType, statementName(method), config.get(EngineConfig.class).engine());
    }

    /**
     * The name of a DAO method's statement: its {@code @SqlQuery}/{@code @SqlUpdate}/... value, or else
     * the method's name.
     *
     * @param method a DAO method
     * @return the name its {@code .sql} file has
     */
    public static String statementName(Method method) {
        String value = "";
        if (method.isAnnotationPresent(SqlQuery.class)) {
            value = method.getAnnotation(SqlQuery.class).value();
        } else if (method.isAnnotationPresent(SqlUpdate.class)) {
            value = method.getAnnotation(SqlUpdate.class).value();
        } else if (method.isAnnotationPresent(SqlScript.class)) {
            value = method.getAnnotation(SqlScript.class).value();
        } else if (method.isAnnotationPresent(SqlBatch.class)) {
            value = method.getAnnotation(SqlBatch.class).value();
        } else if (method.isAnnotationPresent(SqlCall.class)) {
            value = method.getAnnotation(SqlCall.class).value();
        }
        return value.isEmpty() ? method.getName() : value;
    }

    /**
     * The statement named {@code name} of a DAO for an engine.
     *
     * @param sqlObjectType the DAO
     * @param name the statement's name (the method's, usually)
     * @param engine the engine
     * @return the statement's text, comments removed
     * @throws IllegalStateException if neither the engine's nor the shared file exists
     */
    public String locate(Class<?> sqlObjectType, String name, Engine engine) {
        return found.computeIfAbsent(new Key(sqlObjectType, name, engine), k -> {
            String own = engine.folder() + "/" + name;
            if (sqlObjectType.getClassLoader().getResource(path(sqlObjectType, own)) != null) {
                return CLASSPATH.locate(sqlObjectType, own);
            }
            if (sqlObjectType.getClassLoader().getResource(path(sqlObjectType, name)) == null) {
                throw new IllegalStateException("no statement for " + sqlObjectType.getSimpleName() + "." + name
                        + " on " + engine + ": neither " + path(sqlObjectType, own) + " nor "
                        + path(sqlObjectType, name) + " is on the classpath");
            }
            return CLASSPATH.locate(sqlObjectType, name);
        });
    }

    /**
     * The classpath resource of a DAO's statement.
     *
     * @param sqlObjectType the DAO
     * @param name the statement's name, possibly prefixed with an engine's folder
     * @return e.g. {@code io/honkerj/jdbi/queue/QueueDao/postgres/claimBatch.sql}
     */
    public static String path(Class<?> sqlObjectType, String name) {
        return sqlObjectType.getName().replace('.', '/') + "/" + name + ".sql";
    }

    private record Key(Class<?> type, String name, Engine engine) {}
}
