package io.honkerj.jdbi.internal;

import org.jdbi.v3.core.Handle;

/**
 * What an operation of a primitive works with: a handle inside the right transaction, and its DAOs.
 */
public interface Session {

    /** @return the handle; its transaction (if any) belongs to whoever opened it */
    Handle handle();

    /**
     * Returns the SqlObject DAO of this type bound to {@link #handle()}.
     *
     * @param type a SqlObject interface
     * @param <T> its type
     * @return the DAO (cached for pooled handles)
     */
    <T> T dao(Class<T> type);
}
