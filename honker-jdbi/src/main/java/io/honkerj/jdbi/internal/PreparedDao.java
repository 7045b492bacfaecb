package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.engine.EngineSqlLocator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * A DAO whose {@link Prepared} methods run their statement directly on the handle's JDBC connection,
 * every other method going to the Jdbi SqlObject it wraps (to its invocation handler, as its own proxy would).
 *
 * <p>Why: Jdbi's per-statement machinery (a copy of the configuration per statement, argument factories looked
 * up again for each bound value, the result-mapping pipeline) cost ~10 us per enqueue against ~44 us of SQL.
 * Here each method's SQL is located once per JVM and engine (the same file, through the {@link EngineSqlLocator}
 * the DAOs use), kept prepared per connection by the handle's {@link CachingStatementBuilder}, bound by
 * position and mapped with the row mappers registered on the DAO.
 *
 * <p>Parameters, per engine ({@link Engine#numbersNamedParameters()}):
 * <ul>
 *   <li>SQLite: the {@code :name} parameters are left to SQLite, which numbers distinct names in order of
 *       first appearance, so a name used twice is bound once;</li>
 *   <li>PostgreSQL: each {@code :name} occurrence becomes a {@code ?} bound on its own, as Jdbi itself does:
 *       the text is rewritten once per JVM by Jdbi's own {@link ColonPrefixSqlParser}, which leaves
 *       {@code ::} casts, string literals, quoted identifiers and comments alone. The statement, reused on
 *       its connection, becomes a server-side prepared statement once pgjdbc's {@code prepareThreshold}
 *       (5 executions by default) is reached, as with Jdbi (whose statements reach the same state through
 *       pgjdbc's own per-connection cache of statements).</li>
 * </ul>
 *
 * <p>Only handles whose statement builder is a {@link CachingStatementBuilder} (honker's own handles, the
 * handles it borrows from an app's Jdbi, and its shadow handles on a caller's connection) get this; the
 * statements then run in whatever transaction the connection is in, as Jdbi's would. Failures are thrown as
 * Jdbi's {@link UnableToExecuteStatementException} with the {@link SQLException} as cause, as Jdbi does,
 * naming the DAO method.
 */
final class PreparedDao implements InvocationHandler {
    private static final EngineSqlLocator SQL = new EngineSqlLocator();
    private static final Pattern PARAM = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");
    private static final ColonPrefixSqlParser PARSER = new ColonPrefixSqlParser();
    private static final Map<Class<?>, Map<Method, Plan>> PLANS = new ConcurrentHashMap<>();
    private final Object jdbiDao;
    private final InvocationHandler jdbi;
    private final Map<Method, Plan> plans;
    private final Connection conn;
    private final CachingStatementBuilder statements;
    private final Engine engine;

    private PreparedDao(Object jdbiDao, Map<Method, Plan> plans, Connection conn,
            CachingStatementBuilder statements, Engine engine) {
        this.engine = engine;
        this.jdbiDao = jdbiDao;
        this.jdbi = Proxy.getInvocationHandler(jdbiDao);
        this.plans = plans;
        this.conn = conn;
        this.statements = statements;
    }

    /**
     * Attaches a DAO to a handle: Jdbi's SqlObject, wrapped when the type has {@link Prepared} methods and the
     * handle keeps honker's statements prepared.
     */
    static <T> T attach(Class<T> type, Handle handle) {
        T jdbiDao = handle.attach(type);
        Map<Method, Plan> plans = PLANS.computeIfAbsent(type, PreparedDao::plan);
        if (plans.isEmpty() || !Proxy.isProxyClass(jdbiDao.getClass())
                || !(handle.getStatementBuilder() instanceof CachingStatementBuilder builder)) {
            return jdbiDao;
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new PreparedDao(jdbiDao, plans, handle.getConnection(), builder,
                        handle.getConfig(EngineConfig.class).engine())));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Plan plan = plans.get(method);
        if (plan == null) {
            return jdbi.invoke(jdbiDao, method, args);
        }
        try {
            return plan.run(statements.prepareOwn(conn, plan.sql(engine)), args, engine);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e + " [statement: " + plan.where + "]", e, null);
        }
    }

    private static Map<Method, Plan> plan(Class<?> type) {
        Map<Class<?>, RowMapper<?>> mappers = new HashMap<>();
        for (RegisterRowMapper r : type.getAnnotationsByType(RegisterRowMapper.class)) {
            mappers.put(mappedType(r.value()), newMapper(r.value()));
        }
        Map<Method, Plan> plans = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(Prepared.class)) {
                Class<?> own = m.getAnnotation(Prepared.class).rowMapper();
                Map<Class<?>, RowMapper<?>> forMethod = mappers;
                if (own != RowMapper.class) {
                    forMethod = new HashMap<>(mappers);
                    @SuppressWarnings("unchecked")
                    Class<? extends RowMapper<?>> mapperClass = (Class<? extends RowMapper<?>>) own;
                    forMethod.put(mappedType(mapperClass), newMapper(mapperClass));
                }
                plans.put(m, Plan.of(type, m, forMethod));
            }
        }
        return Map.copyOf(plans);
    }

    private static Class<?> mappedType(Class<?> mapperClass) {
        for (Type t : mapperClass.getGenericInterfaces()) {
            if (t instanceof ParameterizedType p && p.getRawType() == RowMapper.class
                    && p.getActualTypeArguments()[0] instanceof Class<?> c) {
                return c;
            }
        }
        throw new IllegalStateException(mapperClass + " does not implement RowMapper<SomeClass> directly");
    }

    private static RowMapper<?> newMapper(Class<? extends RowMapper<?>> mapperClass) {
        try {
            return mapperClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + mapperClass, e);
        }
    }

    /** What a method returns. */
    private enum Result { UPDATE_COUNT, FIRST_LONG, LONGS, ROW, ROWS }

    /** A method's statement on one engine: its text, and which argument each of its parameters takes. */
    private record Text(String sql, int[] argOfParam) {}

    /** One {@link Prepared} method: its statement per engine, how to map rows. */
    private record Plan(Text[] texts, int[] nullTypes, Result result, RowMapper<?> mapper, String where) {

        String sql(Engine engine) {
            return texts[engine.ordinal()].sql();
        }

        static Plan of(Class<?> type, Method m, Map<Class<?>, RowMapper<?>> mappers) {
            String where = type.getSimpleName() + "." + m.getName();
            Map<String, Integer> argOfName = new HashMap<>();
            int[] nullTypes = new int[m.getParameterCount()];
            for (int i = 0; i < m.getParameterCount(); i++) {
                Class<?> p = m.getParameterTypes()[i];
                // a null is bound with its type, as Jdbi does: PostgreSQL cannot always infer it
                nullTypes[i] = p == String.class ? Types.VARCHAR
                        : p == Long.class || p == long.class ? Types.BIGINT : Types.INTEGER;
                if (p != String.class && p != long.class && p != int.class && p != Long.class
                        && p != Integer.class) {
                    throw new IllegalStateException(where + ": @Prepared does not bind " + p);
                }
                argOfName.put(m.getParameters()[i].getName(), i);
            }
            Engine[] engines = Engine.values();
            Text[] texts = new Text[engines.length];
            for (Engine engine : engines) {
                String sql = SQL.locate(type, EngineSqlLocator.statementName(m), engine).trim();
                texts[engine.ordinal()] = engine.numbersNamedParameters()
                        ? numbered(sql, argOfName, where) : positional(sql, argOfName, where);
            }
            Result kind = result(m, mappers, where);
            return new Plan(texts, nullTypes, kind, kind == Result.ROW || kind == Result.ROWS ? rowMapper(m, mappers) : null,
                    where);
        }

        /** SQLite numbers :name parameters by first appearance, one number per distinct name. */
        private static Text numbered(String sql, Map<String, Integer> argOfName, String where) {
            Map<String, Integer> distinct = new LinkedHashMap<>();
            Matcher matcher = PARAM.matcher(sql);
            while (matcher.find()) {
                distinct.putIfAbsent(matcher.group(1), arg(argOfName, matcher.group(1), where));
            }
            return new Text(sql, distinct.values().stream().mapToInt(Integer::intValue).toArray());
        }

        /** Elsewhere each :name occurrence becomes a ? of its own, found by Jdbi's parser (casts, literals skipped). */
        private static Text positional(String sql, Map<String, Integer> argOfName, String where) {
            ParsedSql parsed = PARSER.parse(sql, null);
            List<String> names = parsed.getParameters().getParameterNames();
            int[] argOfParam = new int[names.size()];
            for (int i = 0; i < argOfParam.length; i++) {
                argOfParam[i] = arg(argOfName, names.get(i), where);
            }
            return new Text(parsed.getSql(), argOfParam);
        }

        private static int arg(Map<String, Integer> argOfName, String name, String where) {
            Integer arg = argOfName.get(name);
            if (arg == null) {
                throw new IllegalStateException(where + ": no parameter named " + name
                        + " (compile with -parameters)");
            }
            return arg;
        }

        private static RowMapper<?> rowMapper(Method m, Map<Class<?>, RowMapper<?>> mappers) {
            Class<?> ret = m.getReturnType();
            if (ret == List.class && m.getGenericReturnType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element) {
                return mappers.get(element);
            }
            return mappers.get(ret);
        }

        private static Result result(Method m, Map<Class<?>, RowMapper<?>> mappers, String where) {
            boolean query = m.isAnnotationPresent(SqlQuery.class);
            Class<?> ret = m.getReturnType();
            if (!query && ret == int.class) {
                return Result.UPDATE_COUNT;
            }
            if (query && ret == long.class) {
                return Result.FIRST_LONG;
            }
            if (query && mappers.containsKey(ret)) {
                return Result.ROW;
            }
            if (query && ret == List.class && m.getGenericReturnType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> element) {
                if (element == Long.class) {
                    return Result.LONGS;
                }
                if (mappers.containsKey(element)) {
                    return Result.ROWS;
                }
            }
            throw new IllegalStateException(where + ": @Prepared does not return " + m.getGenericReturnType());
        }

        Object run(PreparedStatement st, Object[] args, Engine engine) throws SQLException {
            int[] argOfParam = texts[engine.ordinal()].argOfParam();
            for (int i = 0; i < argOfParam.length; i++) {
                Object v = args[argOfParam[i]];
                if (v instanceof Long l) {
                    st.setLong(i + 1, l);
                } else if (v instanceof Integer n) {
                    st.setInt(i + 1, n);
                } else if (v instanceof String s) {
                    st.setString(i + 1, s);
                } else {
                    st.setNull(i + 1, nullTypes[argOfParam[i]]);
                }
            }
            switch (result) {
                case UPDATE_COUNT:
                    return st.executeUpdate();
                case FIRST_LONG:
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException(where + " returned no row");
                        }
                        return rs.getLong(1);
                    }
                case LONGS:
                    try (ResultSet rs = st.executeQuery()) {
                        List<Long> ids = new ArrayList<>();
                        while (rs.next()) {
                            long id = rs.getLong(1);
                            ids.add(rs.wasNull() ? null : id);
                        }
                        return ids;
                    }
                case ROW:
                    try (ResultSet rs = st.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException(where + " returned no row");
                        }
                        return mapper.map(rs, null);
                    }
                default:
                    try (ResultSet rs = st.executeQuery()) {
                        List<Object> rows = new ArrayList<>();
                        while (rs.next()) {
                            rows.add(mapper.map(rs, null));
                        }
                        return rows;
                    }
            }
        }
    }
}
