/**
 * The change watcher: one thread per database file per JVM that notices commits (this process's at once,
 * other processes' through {@code PRAGMA data_version}) and a deleted or replaced file, and wakes everything
 * waiting on that file. Blocking operations take a {@link io.honkerj.jdbi.watch.ChangeWaiter} from
 * {@link io.honkerj.jdbi.watch.ChangeWatcher#acquire(java.nio.file.Path)} and re-check their condition
 * whenever it returns. On PostgreSQL the same waiters are fed by a
 * {@link io.honkerj.jdbi.watch.ListenWatcher}: one connection per Jdbi that {@code LISTEN}s on honker's
 * channels (its javadoc has the channel convention every PostgreSQL statement follows).
 */
package io.honkerj.jdbi.watch;
