/**
 * The change watcher: one thread per database file per JVM that notices commits (this process's at once,
 * other processes' through {@code PRAGMA data_version}) and a deleted or replaced file, and wakes everything
 * waiting on that file. Blocking operations take a {@link io.honkerj.jdbi.watch.ChangeWaiter} from
 * {@link io.honkerj.jdbi.watch.ChangeWatcher#acquire(java.nio.file.Path)} and re-check their condition
 * whenever it returns.
 */
package io.honkerj.jdbi.watch;
