package io.honkerj.jdbi.internal;

import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.schema.Schema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A small pool of long-lived handles, each with its DAOs attached once and honker's statements kept
 * prepared, so an operation costs its statements and nothing more.
 *
 * <p>Two kinds, one mechanism:
 * <ul>
 *   <li>{@link #PooledDatabase(Jdbi, HonkerSettings, Path, int) on the library's own Jdbi}
 *       ({@code Honkers.open}): handles from a Jdbi built for honker, with {@link ImmediateTransactionHandler}
 *       and {@link CachingStatementBuilder};</li>
 *   <li>{@link #borrowing(Jdbi, HonkerSettings, Path, int) on the app's Jdbi}
 *       ({@code JdbiHonker.create(jdbi)}): handles the honker opens from your Jdbi, so connections from your
 *       pool (or your URL) with your Jdbi's configuration and transaction handler, held until the honker
 *       closes. Only the statement builder of these handles changes: a {@link CachingStatementBuilder}
 *       wrapping the one your Jdbi gave them, so honker's statements stay prepared and yours go through your
 *       builder as before. Handles of yours that honker did not open are never touched.</li>
 * </ul>
 * Why borrow long-lived handles instead of opening one per operation: with a plain {@code jdbc:sqlite:} URL
 * each open re-ran the PRAGMAs, registered the functions and prepared every statement again, and the last
 * close checkpointed and deleted the WAL (17-62 enqueues/s against 484-6,438); with a pool, a borrow is
 * cheap but every statement was still parsed again. The cost is that a honker keeps up to
 * {@code maxHandles} of your pool's connections while it is open.
 *
 * <p>Idle handles are reused last in, first out: the handle given back most recently goes out next. In WAL
 * mode a connection drops its page cache whenever another connection has committed, so handing the writes
 * (serialized by the in-JVM gate anyway) around all the handles in turn made each write read its pages
 * again (ack 5.0 against 2.2 us per job); reusing the most recent handle keeps its cache warm, and the
 * other handles only serve when work really runs at once.
 */
public final class PooledDatabase extends OwnedDatabase {
    private final Jdbi jdbi;
    private final boolean borrowed;
    private final BlockingDeque<HandleSession> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int maxHandles;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Engine engine;
    private volatile boolean described;

    /**
     * Creates the pool; no connection is opened until first use.
     *
     * @param jdbi a Jdbi with the honker plugin installed
     * @param settings clock, codec, busy deadline
     * @param file the database file, or null for a memory database
     * @param maxHandles the most handles open at once
     */
    public PooledDatabase(Jdbi jdbi, HonkerSettings settings, Path file, int maxHandles) {
        this(jdbi, settings, file, maxHandles, false);
    }

    /**
     * Creates a pool of handles borrowed from the app's Jdbi; no handle is opened until first use, and each
     * goes back to the app's Jdbi (its connection to the app's pool) when this database closes.
     *
     * @param appJdbi the app's Jdbi, with the honker plugin installed
     * @param settings clock, codec, busy deadline
     * @param file the database file, or null for a memory database
     * @param maxHandles the most handles borrowed at once
     * @return the database
     */
    public static PooledDatabase borrowing(Jdbi appJdbi, HonkerSettings settings, Path file, int maxHandles) {
        return new PooledDatabase(appJdbi, settings, file, maxHandles, true);
    }

    private PooledDatabase(Jdbi jdbi, HonkerSettings settings, Path file, int maxHandles, boolean borrowed) {
        super(settings, file);
        this.jdbi = jdbi;
        this.borrowed = borrowed;
        this.maxHandles = Args.requirePositive("maxConnections", maxHandles);
        this.idle = new LinkedBlockingDeque<>(maxHandles);
    }

    @Override
    <R> R withSession(Function<Session, R> work) {
        HandleSession session = borrow();
        R result;
        try {
            result = work.apply(session);
        } catch (RuntimeException | Error e) {
            try {
                giveBack(session, false);
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        giveBack(session, true);
        return result;
    }

    /** The Jdbi itself where its engine delivers wake-ups (PostgreSQL), found once from a handle. */
    @Override
    Jdbi listenJdbi() {
        Engine e = engine;
        if (e == null) {
            e = withSession(s -> s.handle().getConfig(EngineConfig.class).engine());
            engine = e;
        }
        return e.listenNotify() ? jdbi : null;
    }

    private HandleSession borrow() {
        if (closed.get()) {
            throw new IllegalStateException("This honker is closed");
        }
        // Last in, first out: see the class comment.
        HandleSession s = idle.pollFirst();
        if (s != null) {
            return s;
        }
        if (created.incrementAndGet() <= maxHandles) {
            try {
                return session(open());
            } catch (RuntimeException e) {
                created.decrementAndGet();
                throw e;
            }
        }
        created.decrementAndGet();
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a connection", e);
        }
    }

    private Handle open() {
        Handle h = jdbi.open();
        if (borrowed) {
            h.setStatementBuilder(new CachingStatementBuilder(h.getStatementBuilder()));
        }
        return h;
    }

    /**
     * A session on a handle just opened: on PostgreSQL with a schema configured, the schema goes first on the
     * connection's search path (put back when the handle closes); the first one names the database.
     */
    private HandleSession session(Handle h) {
        HandleSession s = new HandleSession(h);
        try {
            Engine engine = h.getConfig(EngineConfig.class).engine();
            if (settings().schema() != null && engine.namedSchemas()) {
                s.searchPathToRestore(Schema.enterSchema(s, settings().schema()));
            }
            if (!engine.singleWriter()) {
                manyWriters();
            }
            if (!described && engine.namedSchemas()) {
                described = true;
                String catalog = h.getConnection().getCatalog();
                describeAs(h.getConnection().getMetaData().getDatabaseProductName() + " database " + catalog
                        + (settings().schema() == null ? "" : " (schema " + settings().schema() + ")"));
            }
        } catch (SQLException | RuntimeException e) {
            discard(h);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return s;
    }

    @Override
    void connectionLost() {
        // the others most likely went with it (a restart ends every session): keep only those still valid
        for (HandleSession s : java.util.List.copyOf(idle)) {
            if (!idle.remove(s)) {
                continue; // taken meanwhile: its user finds out
            }
            if (!ConnectionHealth.isValid(s.handle().getConnection())) {
                created.decrementAndGet();
                discard(s.handle());
            } else if (!idle.offerLast(s)) {
                created.decrementAndGet();
                close(s);
            }
        }
    }

    private void giveBack(HandleSession s, boolean healthy) {
        boolean reusable = !closed.get() && !s.handle().isClosed();
        // after a failure, SQLite's own state decides: out of any transaction, or the connection is discarded
        boolean clean = healthy || s.handle().isClosed()
                || ConnectionHealth.rollBackIfOpen(s.handle().getConnection());
        if (reusable && clean && idle.offerFirst(s)) {
            return;
        }
        created.decrementAndGet();
        if (!clean) {
            discard(s.handle());
            return;
        }
        close(s);
    }

    /** Puts back the search path honker changed, then closes the handle (its connection back to the pool). */
    private static void close(HandleSession s) {
        if (s.searchPathToRestore() != null && !s.handle().isClosed()) {
            try {
                Schema.leaveSchema(s, s.searchPathToRestore());
            } catch (RuntimeException e) {
                discard(s.handle()); // never give the app's pool a connection with honker's search path
                return;
            }
        }
        s.handle().close();
    }

    /**
     * Throws away a handle whose connection could not be brought out of its transaction: the physical
     * connection is closed first (SQLite then rolls the transaction back and releases its locks), so a pool
     * that gets the handle's connection back can only find it closed, never inside a transaction.
     */
    private static void discard(Handle h) {
        try {
            ConnectionHealth.physical(h.getConnection()).close();
        } catch (SQLException | RuntimeException ignored) {
            // closing is all we can do
        }
        try {
            h.close();
        } catch (RuntimeException ignored) {
            // the connection is gone already
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            releaseWatcher();
            HandleSession s;
            while ((s = idle.poll()) != null) {
                close(s);
            }
        }
    }
}
