package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.watch.ChangeWatcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's listeners by database and channel, so a notification committed here is handed to them
 * directly after the commit instead of each one reading it back (see {@link Handoff}). Keyed by the file's
 * {@link ChangeWatcher#keyOf(Path) watch key} (honkers of one file in this JVM find each other's listeners),
 * or on PostgreSQL by the Jdbi and schema (honkers on one Jdbi and schema do).
 * This package's only static mutable state.
 */
final class LocalDelivery {
    private static final Map<Key, Set<JdbiListener>> LISTENERS = new ConcurrentHashMap<>();
    private static final Map<Path, Path> KEYS = new ConcurrentHashMap<>();

    private LocalDelivery() {}

    /** A database's channel. */
    record Key(Object database, String channel) {}

    /**
     * @param database a database's {@link io.honkerj.jdbi.internal.Database#identity() identity}: a file
     *     (SQLite) or a Jdbi (PostgreSQL)
     * @param channel a channel
     * @return the key its listeners are registered under (for a file, its watch key, computed once per path)
     */
    static Key key(Object database, String channel) {
        return new Key(database instanceof Path file ? KEYS.computeIfAbsent(file, ChangeWatcher::keyOf) : database,
                channel);
    }

    static void register(Key key, JdbiListener listener) {
        LISTENERS.compute(key, (k, set) -> {
            Set<JdbiListener> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(listener);
            return s;
        });
    }

    static void unregister(Key key, JdbiListener listener) {
        LISTENERS.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** @return the listeners of the key now, or null if none */
    static Set<JdbiListener> listeners(Key key) {
        return LISTENERS.get(key);
    }
}
