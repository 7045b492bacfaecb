package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.watch.ChangeWatcher;
import io.honkerj.jdbi.watch.ListenWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

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
    private ListenWatcher.Ref listener;
    private volatile ListenWatcher listening;

    OwnedDatabase(HonkerSettings settings, Path file) {
        this.busyRetry = new BusyRetry(settings.busyDeadline());
        this.settings = settings;
        this.file = file;
        this.watchKey = file == null ? null : ChangeWatcher.keyOf(file);
    }

    /** Runs work on a session whose handle is in autocommit mode, then gives the handle back. */
    abstract <R> R withSession(Function<Session, R> work);

    /**
     * The Jdbi whose server delivers wake-ups itself ({@code LISTEN}/{@code NOTIFY} on PostgreSQL) to this
     * database's waiters through a {@link ListenWatcher}, or null (SQLite memory databases).
     */
    abstract Jdbi listenJdbi();

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
        } else {
            ListenWatcher l = listening;
            if (l != null) {
                l.wake(); // this JVM's waiters need not wait for the notification's round trip
            }
        }
        return result;
    }

    /**
     * Returns a waiter on this file's change watcher, or on the database's {@link ListenWatcher} on
     * PostgreSQL, which this database starts on first use and keeps until it is closed.
     */
    @Override
    public final synchronized ChangeWaiter newWaiter() {
        if (file == null) {
            if (listener == null) {
                Jdbi on = listenJdbi();
                if (on == null) {
                    return ChangeWaiter.polling();
                }
                listener = ListenWatcher.acquire(on);
                listening = listener.watcher();
            }
            return listener.newWaiter();
        }
        if (watcher == null) {
            watcher = ChangeWatcher.acquire(file);
        }
        return watcher.newWaiter();
    }

    /** Releases this database's reference to the change watcher (or listen watcher), if it took one. */
    final synchronized void releaseWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (listener != null) {
            listening = null;
            listener.close();
            listener = null;
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

    /** The file, or the Jdbi on PostgreSQL (see {@link #listenJdbi()}), or empty. */
    @Override
    public final Optional<Object> identity() {
        return file != null ? Optional.of(file) : Optional.ofNullable(listenJdbi());
    }
}
