package io.honkerj.jdbi;

import io.honkerj.api.Honker;
import org.jdbi.v3.core.Handle;

/**
 * Work done in one write transaction: business statements on the handle and honker operations on the
 * honker attached to it commit or roll back together.
 *
 * @param <R> the result
 */
@FunctionalInterface
public interface HonkerTransaction<R> {

    /**
     * Does the work. It may be run again if the database was busy, so it must have no effect outside the
     * database.
     *
     * @param handle the transaction's handle, for your own statements
     * @param honker a honker whose every operation joins this transaction
     * @return the result
     */
    R apply(Handle handle, Honker honker);
}
