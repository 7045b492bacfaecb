/**
 * The change watcher: one thread per database file per JVM that notices commits (this process's at once,
 * other processes' through {@code PRAGMA data_version}) and wakes everything waiting on that file.
 */
package io.honkerj.jdbi.watch;
