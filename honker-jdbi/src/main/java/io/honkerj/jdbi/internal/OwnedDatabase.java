package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.watch.ChangeWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A database whose transactions the library opens itself: writes queue on an in-JVM gate (so this JVM's
 * writers never spin in SQLite's busy handler against each other), run in {@code BEGIN IMMEDIATE}, and are
 * retried whole while other processes keep the database busy.
 */
abstract class OwnedDatabase implements Database {
    private final ReentrantLock writeGate = new ReentrantLock();
    private final BusyRetry busyRetry;
    private final HonkerSettings settings;
    private final Path file;
    private final Path watchKey;
    private ChangeWatcher.Ref watcher;

    OwnedDatabase(HonkerSettings settings, Path file) {
        this.busyRetry = new BusyRetry(settings.busyDeadline());
        this.settings = settings;
        this.file = file;
        this.watchKey = file == null ? null : ChangeWatcher.keyOf(file);
    }

    /** Runs work on a session whose handle is in autocommit mode, then gives the handle back. */
    abstract <R> R withSession(Function<Session, R> work);

    @Override
    public final <R> R write(Function<Session, R> work) {
        R result;
        try {
            result = busyRetry.run("write transaction", () -> {
                writeGate.lock();
                try {
                    return withSession(s -> s.handle().inTransaction(h -> work.apply(s)));
                } finally {
                    writeGate.unlock();
                }
            });
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file);
        }
        if (watchKey != null) {
            ChangeWatcher.wakeIfWatched(watchKey);
        }
        return result;
    }

    /**
     * Returns a waiter on this file's change watcher, which this database starts on first use and keeps
     * until it is closed.
     */
    @Override
    public final synchronized ChangeWaiter newWaiter() {
        if (file == null) {
            return ChangeWaiter.polling();
        }
        if (watcher == null) {
            watcher = ChangeWatcher.acquire(file);
        }
        return watcher.newWaiter();
    }

    /** Releases this database's reference to the change watcher, if it took one. */
    final synchronized void releaseWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public final <R> R read(Function<Session, R> work) {
        try {
            return busyRetry.run("read", () -> withSession(work));
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file);
        }
    }

    @Override
    public final HonkerSettings settings() {
        return settings;
    }

    @Override
    public final Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
