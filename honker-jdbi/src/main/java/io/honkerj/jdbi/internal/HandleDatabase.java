package io.honkerj.jdbi.internal;

import io.honkerj.api.CommitOutcomeUnknownException;
import io.honkerj.jdbi.schema.Schema;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.watch.ChangeWatcher;
import io.honkerj.jdbi.watch.ListenWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * A database view on the caller's open {@link Handle}: every operation runs on that handle. Inside the
 * caller's transaction an operation joins it and commits nothing; on a handle in autocommit mode a write
 * opens its own transaction on the handle and commits it (the library opened it).
 *
 * <p>On a caller's handle ({@link #attached}) honker never retries after a lost connection (it cannot get
 * another connection for the caller's handle, and inside the caller's transaction the whole transaction is
 * the caller's to run again): a {@link io.honkerj.api.DatabaseFailedException} says that nothing of the
 * transaction was written, or a {@link CommitOutcomeUnknownException} that the commit of a write honker
 * opened on the handle was on the way. With a schema configured (PostgreSQL), the schema goes first on the
 * connection's search path while each operation runs, and the path is put back after it.
 */
public final class HandleDatabase implements Database {
    private final Session session;
    private final HonkerSettings settings;
    private final Path file;
    private final String where;
    /** Whether the handle is the caller's ({@code attach}), not one of honker's own joined by a view. */
    private final boolean attached;
    private Path watchKey;
    private final BusyRetry busyRetry;

    /**
     * Wraps a caller's handle.
     *
     * @param handle the caller's handle
     * @param settings clock, codec, busy deadline
     * @param file the database file, if known
     */
    public HandleDatabase(Handle handle, HonkerSettings settings, Path file) {
        this(CallerSessions.of(handle), settings, file);
    }

    /**
     * Wraps a session the library already has open (and its attached DAOs), for work that joins its
     * transaction.
     *
     * @param session the session whose handle's transaction operations join
     * @param settings clock, codec, busy deadline
     * @param file the database file, if known
     */
    public HandleDatabase(Session session, HonkerSettings settings, Path file) {
        this(session, settings, file, file == null ? "in memory" : file.toString(), false);
    }

    private HandleDatabase(Session session, HonkerSettings settings, Path file, String where, boolean attached) {
        this.session = session;
        this.settings = settings;
        this.file = file;
        this.where = where;
        this.attached = attached;
        this.busyRetry = new BusyRetry(settings.busyDeadline());
    }

    /**
     * A view on a caller's handle ({@code JdbiHonker.attach}).
     *
     * @param session the caller's handle's session
     * @param settings clock, codec, busy deadline, schema
     * @return the view
     */
    public static HandleDatabase attached(CallerSessions.Attached session, HonkerSettings settings) {
        return new HandleDatabase(session, settings, session.file().orElse(null), session.describe(), true);
    }

    /**
     * A view of {@code db} on a session {@code db} has open in a write transaction: operations through it
     * join that transaction, with {@code db}'s settings and file. A lost connection is left to {@code db},
     * which runs its whole transaction again where that is safe.
     *
     * @param db the database the session belongs to
     * @param session a session inside {@code db.write(...)}
     * @return the view
     */
    public static HandleDatabase joining(Database db, Session session) {
        return new HandleDatabase(session, db.settings(), db.file().orElse(null), db.describe(), false);
    }

    @Override
    public <R> R write(Function<Session, R> work) {
        Handle handle = session.handle();
        boolean inCallersTransaction = false;
        boolean[] committing = {false};
        R result;
        try {
            inCallersTransaction = handle.isInTransaction();
            if (inCallersTransaction) {
                return inSchema(() -> work.apply(session));
            }
            result = inSchema(() -> busyRetry.run("write transaction", () -> {
                committing[0] = false;
                return handle.inTransaction(h -> {
                    R r = work.apply(session);
                    committing[0] = true;
                    return r;
                });
            }));
        } catch (RuntimeException e) {
            throw translate(e, inCallersTransaction, committing[0]);
        }
        if (file != null) {
            if (watchKey == null) {
                watchKey = ChangeWatcher.keyOf(file); // once per view, and only for views that commit
            }
            ChangeWatcher.wakeIfWatched(watchKey);
        } else if (listens()) {
            ListenWatcher.wakeIfWatched(handle.getJdbi());
        }
        return result;
    }

    /**
     * Runs work with honker's schema first on the caller's connection's search path, if one is configured
     * and the handle is the caller's; the path is put back after it. If the work failed, a failure to put it
     * back is added to that failure (inside a transaction that failed, the rollback puts it back anyway).
     */
    private <R> R inSchema(Supplier<R> work) {
        if (!attached || settings.schema() == null) {
            return work.get();
        }
        String previous = Schema.enterSchema(session, settings.schema());
        R result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                Schema.leaveSchema(session, previous);
            } catch (RuntimeException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        Schema.leaveSchema(session, previous);
        return result;
    }

    private RuntimeException translate(RuntimeException e, boolean inCallersTransaction, boolean committing) {
        if (attached && !(e instanceof CommitOutcomeUnknownException) && ConnectionFailures.isConnectionLost(e)) {
            if (!inCallersTransaction && committing) {
                return new CommitOutcomeUnknownException(where, e);
            }
            return inCallersTransaction ? ConnectionFailures.lostInCallersTransaction(e, where)
                    : ConnectionFailures.lostOnCallersHandle(e, where);
        }
        return SqliteFailures.translate(e, file);
    }

    /**
     * Returns a waiter holding its own reference to the file's change watcher, or to the listen watcher of
     * the handle's Jdbi on PostgreSQL (this view owns nothing).
     */
    @Override
    public ChangeWaiter newWaiter() {
        if (file != null) {
            return ChangeWatcher.acquire(file).newOwningWaiter();
        }
        return listens() ? ListenWatcher.acquire(session.handle().getJdbi()).newOwningWaiter()
                : ChangeWaiter.polling();
    }

    /** Whether the handle's engine delivers wake-ups itself (PostgreSQL's LISTEN/NOTIFY). */
    private boolean listens() {
        return session.handle().getConfig(EngineConfig.class).engine().listenNotify();
    }

    @Override
    public <R> R read(Function<Session, R> work) {
        boolean inCallersTransaction = false;
        try {
            inCallersTransaction = attached && session.handle().isInTransaction();
            return inSchema(() -> work.apply(session));
        } catch (RuntimeException e) {
            throw translate(e, inCallersTransaction, false);
        }
    }

    @Override
    public HonkerSettings settings() {
        return settings;
    }

    @Override
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The file, or the handle's Jdbi and the schema on PostgreSQL, or empty. */
    @Override
    public Optional<Object> identity() {
        if (file != null) {
            return Optional.of(file);
        }
        return listens() ? Optional.of(new Shared(session.handle().getJdbi(), settings.schema()))
                : Optional.empty();
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        // The caller owns the handle.
    }
}
