package io.honkerj.jdbi.internal;

import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A session on a handle someone else opened. Attaching a SqlObject costs far more than running a statement,
 * so each DAO is attached once per session and reused; its {@link Prepared} methods run without Jdbi's
 * per-statement machinery (see {@link PreparedDao}), on either engine.
 */
final class HandleSession implements Session {
    private final Handle handle;
    private final Map<Class<?>, Object> daos = new HashMap<>();
    /** The search path to put back when the handle goes back to whoever lent it, or null. */
    private String searchPathToRestore;

    HandleSession(Handle handle) {
        this.handle = handle;
    }

    /** @return the search path to put back when the handle is given back, or null if it was not changed */
    String searchPathToRestore() {
        return searchPathToRestore;
    }

    /** @param path the search path to put back when the handle is given back, or null */
    void searchPathToRestore(String path) {
        this.searchPathToRestore = path;
    }

    @Override
    public Handle handle() {
        return handle;
    }

    @Override
    public <T> T dao(Class<T> type) {
        return type.cast(daos.computeIfAbsent(type, t -> PreparedDao.attach(t, handle)));
    }
}
