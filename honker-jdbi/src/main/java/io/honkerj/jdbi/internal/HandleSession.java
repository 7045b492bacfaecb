package io.honkerj.jdbi.internal;

import org.jdbi.v3.core.Handle;

/** A session on a handle someone else opened; DAOs are attached on each call. */
record HandleSession(Handle handle) implements Session {
    @Override
    public <T> T dao(Class<T> type) {
        return handle.attach(type);
    }
}
