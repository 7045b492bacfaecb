package io.honkerj.jdbi.internal;

import io.honkerj.api.CommitOutcomeUnknownException;
import io.honkerj.api.DatabaseFailedException;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.watch.ChangeWatcher;
import io.honkerj.jdbi.watch.ListenWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * A database whose transactions the library opens itself: on SQLite, writes queue on an in-JVM gate (so this
 * JVM's writers never spin in SQLite's busy handler against each other; on PostgreSQL, whose row locks let
 * them run at once, they do not), run in {@code BEGIN IMMEDIATE}, and are
 * retried whole while other processes keep the database busy (on PostgreSQL: while the server aborts them
 * with a serialization failure or a deadlock). On PostgreSQL they run at once, each straight on its
 * connection ({@link ServerTransaction}: autocommit off, the work, one commit), not through the Jdbi's
 * transaction handler (same wire messages, less client CPU).
 *
 * <p>A lost connection (PostgreSQL: SQLState class {@code 08}, or the server ended the session, e.g.
 * {@code pg_terminate_backend} or a restart; see {@link ConnectionFailures}): the handle is thrown away, not
 * reused, and the server has rolled back what was open on it. A write whose commit had not been sent yet, or
 * a read, then runs once more on a new connection; if it is lost again, a {@link DatabaseFailedException}
 * says so. A write lost while its commit was on the way may or may not be written: it is not run again, and
 * {@link CommitOutcomeUnknownException} says so.
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
    private volatile String where;
    /** Whether writes queue on the in-JVM gate: until a connection shows an engine with row locks. */
    private volatile boolean singleWriter = true;

    OwnedDatabase(HonkerSettings settings, Path file) {
        this.busyRetry = new BusyRetry(settings.busyDeadline());
        this.settings = settings;
        this.file = file;
        this.watchKey = file == null ? null : ChangeWatcher.keyOf(file);
        this.where = file == null ? "in memory" : file.toString();
    }

    /**
     * Runs work on a session whose handle is in autocommit mode, then gives the handle back; a handle whose
     * connection failed is thrown away instead.
     */
    abstract <R> R withSession(Function<Session, R> work);

    /**
     * The Jdbi whose server delivers wake-ups itself ({@code LISTEN}/{@code NOTIFY} on PostgreSQL) to this
     * database's waiters through a {@link ListenWatcher}, or null (SQLite memory databases).
     */
    abstract Jdbi listenJdbi();

    /**
     * Called once a connection was found lost, before the operation runs again: the other idle connections
     * were most likely lost with it (a server restart ends them all), so they are let go too.
     */
    void connectionLost() {}

    /**
     * Records that the database runs writes at once (PostgreSQL): they no longer queue on the in-JVM gate.
     */
    final void manyWriters() {
        this.singleWriter = false;
    }

    /**
     * Names the database in messages (a PostgreSQL database has no file).
     *
     * @param description e.g. "PostgreSQL database app (schema jobs)"
     */
    final void describeAs(String description) {
        this.where = description;
    }

    @Override
    public final String describe() {
        return where;
    }

    @Override
    public final <R> R write(Function<Session, R> work) {
        R result;
        try {
            result = busyRetry.run("write transaction", () -> {
                if (!singleWriter) {
                    return reconnecting(() -> transaction(work));
                }
                writeGate.lock();
                try {
                    return reconnecting(() -> transaction(work));
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

    /** One transaction on one connection; a lost connection during its commit makes the outcome unknown. */
    private <R> R transaction(Function<Session, R> work) {
        boolean[] committing = {false};
        try {
            if (!singleWriter) {
                return withSession(s -> ServerTransaction.run(s, work, committing));
            }
            return withSession(s -> s.handle().inTransaction(h -> {
                R r = work.apply(s);
                committing[0] = true;
                return r;
            }));
        } catch (RuntimeException e) {
            if (committing[0] && ConnectionFailures.isConnectionLost(e)) {
                connectionLost();
                throw new CommitOutcomeUnknownException(where, e);
            }
            throw e;
        }
    }

    /**
     * Runs an operation, and once more on a new connection if its connection was lost before anything of it
     * could have been committed.
     */
    private <R> R reconnecting(Supplier<R> operation) {
        try {
            return operation.get();
        } catch (CommitOutcomeUnknownException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!ConnectionFailures.isConnectionLost(e)) {
                throw e;
            }
            connectionLost();
            try {
                return operation.get();
            } catch (CommitOutcomeUnknownException again) {
                throw again;
            } catch (RuntimeException again) {
                if (!ConnectionFailures.isConnectionLost(again)) {
                    throw again;
                }
                connectionLost();
                again.addSuppressed(e);
                throw ConnectionFailures.lostTwice(again, where);
            }
        }
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
            return busyRetry.run("read", () -> reconnecting(() -> withSession(work)));
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

    /** The file, or the Jdbi and schema on PostgreSQL (see {@link #listenJdbi()}), or empty. */
    @Override
    public final Optional<Object> identity() {
        if (file != null) {
            return Optional.of(file);
        }
        Jdbi jdbi = listenJdbi();
        return jdbi == null ? Optional.empty() : Optional.of(new Shared(jdbi, settings.schema()));
    }
}
