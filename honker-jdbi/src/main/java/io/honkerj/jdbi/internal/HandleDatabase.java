package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.watch.ChangeWatcher;
import io.honkerj.jdbi.watch.ListenWatcher;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * A database view on the caller's open {@link Handle}: every operation runs on that handle. Inside the
 * caller's transaction an operation joins it and commits nothing; on a handle in autocommit mode a write
 * opens its own transaction on the handle and commits it (the library opened it).
 */
public final class HandleDatabase implements Database {
    private final Session session;
    private final HonkerSettings settings;
    private final Path file;
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
        this.session = session;
        this.settings = settings;
        this.file = file;
        this.busyRetry = new BusyRetry(settings.busyDeadline());
    }

    /**
     * A view of {@code db} on a session {@code db} has open in a write transaction: operations through it
     * join that transaction, with {@code db}'s settings and file.
     *
     * @param db the database the session belongs to
     * @param session a session inside {@code db.write(...)}
     * @return the view
     */
    public static HandleDatabase joining(Database db, Session session) {
        return new HandleDatabase(session, db.settings(), db.file().orElse(null));
    }

    @Override
    public <R> R write(Function<Session, R> work) {
        Handle handle = session.handle();
        R result;
        try {
            if (handle.isInTransaction()) {
                return work.apply(session);
            }
            result = busyRetry.run("write transaction", () -> handle.inTransaction(h -> work.apply(session)));
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file);
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
        try {
            return work.apply(session);
        } catch (RuntimeException e) {
            throw SqliteFailures.translate(e, file);
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

    /** The file, or the handle's Jdbi on PostgreSQL, or empty. */
    @Override
    public Optional<Object> identity() {
        return file != null ? Optional.of(file) : listens() ? Optional.of(session.handle().getJdbi()) : Optional.empty();
    }

    @Override
    public void close() {
        // The caller owns the handle.
    }
}
