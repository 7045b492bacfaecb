package io.honkerj.jdbi.internal;

import org.jdbi.v3.core.mapper.RowMapper;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hot DAO method whose statement honker runs itself on its pooled and shadow handles (see
 * {@link PreparedDao}) instead of through Jdbi's per-statement machinery. The SQL stays in the method's
 * {@code .sql} file, found by Jdbi's classpath locator; the method keeps its {@code @SqlQuery} or
 * {@code @SqlUpdate} annotation, which is what runs it anywhere else.
 *
 * <p>Supported: parameters of type {@code String}, {@code long}, {@code int}, {@code Long}, {@code Integer};
 * returns {@code int} (an update count), {@code long} (the first column of the one row), {@code List<Long>}
 * (the first column of each row), or a {@code List} of a type with a row mapper registered on the DAO.
 *
 * <p>{@link #rowMapper()} names a mapper for this method's rows on the fast path instead of the one
 * registered for the type: one that leaves out columns the caller knows already (a claim's queue, worker
 * and state), each of them a string sqlite-jdbc would otherwise decode per row.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Prepared {
    /**
     * The row mapper of this method on the fast path; {@code RowMapper.class} (the default) means the one
     * registered on the DAO for the returned type.
     *
     * @return the mapper class, with a public no-argument constructor
     */
    @SuppressWarnings("rawtypes")
    Class<? extends RowMapper> rowMapper() default RowMapper.class;
}
