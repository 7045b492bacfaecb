package io.honkerj.jdbi.notify;

import io.honkerj.jdbi.watch.ChangeWatcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's listeners by database file and channel, so a notification committed here is handed to them
 * directly after the commit instead of each one reading it back (see {@link Handoff}). Keyed by the file's
 * {@link ChangeWatcher#keyOf(Path) watch key}: honkers of one file in this JVM find each other's listeners.
 * This package's only static mutable state.
 */
final class LocalDelivery {
    private static final Map<Key, Set<JdbiListener>> LISTENERS = new ConcurrentHashMap<>();
    private static final Map<Path, Path> KEYS = new ConcurrentHashMap<>();

    private LocalDelivery() {}

    /** A file's channel. */
    record Key(Path file, String channel) {}

    /**
     * @param file a database file
     * @param channel a channel
     * @return the key its listeners are registered under (the file's watch key, computed once per path)
     */
    static Key key(Path file, String channel) {
        return new Key(KEYS.computeIfAbsent(file, ChangeWatcher::keyOf), channel);
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
