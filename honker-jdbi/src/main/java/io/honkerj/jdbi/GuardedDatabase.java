package io.honkerj.jdbi;

import io.honkerj.api.DatabaseReplacedException;
import io.honkerj.api.HonkerClosedException;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HonkerSettings;
import io.honkerj.jdbi.internal.Session;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.watch.FileIdentity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A honker's database as its primitives see it: before every operation it checks that the honker is open and
 * that its file is still the one it opened (one {@code stat}, about 0.6 µs, against an enqueue's 150 µs and
 * more), so nothing is written into a deleted file's ghost and no connection is opened on a file restored
 * over it. Once the file is found deleted or replaced, every later operation fails with
 * {@link DatabaseReplacedException}.
 */
final class GuardedDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedDatabase.class);

    private final Database inner;
    private final FileIdentity identity;
    private final FileIdentity wal;
    private final FileIdentity shm;
    private volatile boolean closed;
    private volatile DatabaseReplacedException lost;
    private final Set<ChangeWaiter> waiters = ConcurrentHashMap.newKeySet();

    /** Guards a database just opened: takes the identities of its file, {@code -wal} and {@code -shm} now. */
    GuardedDatabase(Database inner) {
        this(inner, inner.file().map(FileIdentity::of).orElse(null),
                inner.file().map(f -> FileIdentity.of(Path.of(f + "-wal"))).orElse(null),
                inner.file().map(f -> FileIdentity.of(Path.of(f + "-shm"))).orElse(null));
    }

    private GuardedDatabase(Database inner, FileIdentity identity, FileIdentity wal, FileIdentity shm) {
        this.inner = inner;
        this.identity = identity;
        this.wal = wal;
        this.shm = shm;
    }

    /**
     * Guards a view that joins a transaction of this database, with this database's identities (no stat).
     *
     * @param view the joining view
     * @return its guard
     */
    GuardedDatabase joining(Database view) {
        return new GuardedDatabase(view, identity, wal, shm);
    }

    /** @return the database this one guards */
    Database inner() {
        return inner;
    }

    /**
     * Throws if the honker is closed or its file was deleted or replaced.
     *
     * @throws HonkerClosedException after {@link #close()}
     * @throws DatabaseReplacedException once the file is not the one opened
     */
    void check() {
        if (closed) {
            throw new HonkerClosedException(inner.file().map(Path::toString).orElse(null));
        }
        DatabaseReplacedException e = lost;
        if (e == null && identity != null) {
            String what = identity.lost();
            if (what != null) {
                e = lose(what);
            }
        }
        if (e != null) {
            throw new DatabaseReplacedException(e.file(), e.what()); // a fresh stack trace for each caller
        }
    }

    @Override
    public <R> R write(Function<Session, R> work) {
        check();
        try {
            return inner.write(work);
        } catch (RuntimeException e) {
            throw OpenErrors.translate(e, describe());
        }
    }

    @Override
    public <R> R read(Function<Session, R> work) {
        check();
        try {
            return inner.read(work);
        } catch (RuntimeException e) {
            throw OpenErrors.translate(e, describe());
        }
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public HonkerSettings settings() {
        return inner.settings();
    }

    @Override
    public Optional<Path> file() {
        return inner.file();
    }

    @Override
    public Optional<Object> identity() {
        return inner.identity();
    }

    /** Returns the inner database's waiter, closed when this database closes (so blocked callers return). */
    @Override
    public ChangeWaiter newWaiter() {
        check();
        Tracked waiter = new Tracked(inner.newWaiter());
        waiters.add(waiter);
        if (closed) {
            waiter.close();
        }
        return waiter;
    }

    /** A waiter this database closes when it closes: a listener or waker blocked on it wakes and finds out. */
    private final class Tracked implements ChangeWaiter {
        private final ChangeWaiter waiter;

        Tracked(ChangeWaiter waiter) {
            this.waiter = waiter;
        }

        @Override
        public boolean await(java.time.Duration max) throws InterruptedException {
            return waiter.await(max);
        }

        @Override
        public void wake() {
            waiter.wake();
        }

        @Override
        public void close() {
            waiters.remove(this);
            waiter.close();
        }
    }

    /**
     * Records the loss and lets go of the old file. The {@code -wal} and {@code -shm} files at the path, if
     * they are still the ones this honker's connections had (same inode), belong to the old file: they are
     * deleted, so whoever opens the new file next does not replay the old file's pages over it (SQLite pairs
     * a {@code -wal} with whatever database has its name). The connections are then closed; SQLite neither
     * checkpoints nor deletes the {@code -wal} of a database file that moved.
     */
    private synchronized DatabaseReplacedException lose(String what) {
        if (lost != null) {
            return lost;
        }
        DatabaseReplacedException e = new DatabaseReplacedException(identity.file().toString(), what);
        lost = e;
        boolean walDeleted = wal.deleteIfUnchanged();
        boolean shmDeleted = shm.deleteIfUnchanged();
        LOG.error("{} (its old -wal deleted: {}, -shm deleted: {})", e.getMessage(), walDeleted, shmDeleted);
        inner.close();
        return e;
    }

    /** Closes the database, idempotently; if its file was deleted or replaced, as {@link #lose(String)}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ChangeWaiter waiter : java.util.List.copyOf(waiters)) {
            waiter.close(); // callers blocked in a listener, waker or lock wait return and find the honker closed
        }
        if (lost == null && identity != null) {
            String what = identity.lost();
            if (what != null) {
                lose(what);
            }
        }
        if (lost == null) {
            inner.close();
        }
    }
}
