package io.honkerj.jdbi.watch;

import io.honkerj.api.DatabaseReplacedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change watcher of a PostgreSQL database in this JVM (engines whose
 * {@link io.honkerj.jdbi.engine.Engine#listenNotify()} is true): one dedicated connection that
 * {@code LISTEN}s on honker's channels and wakes every waiter whenever a notification arrives, as
 * {@link ChangeWatcher} does for a SQLite file on every commit. Shared by every honker on the same
 * {@link Jdbi} in this JVM (the registry is keyed by the Jdbi instance), started by the first
 * {@link #acquire(Jdbi)}, stopped when the last reference is released.
 *
 * <h2>The channel convention</h2>
 * Every honker statement that writes something a waiter may block on sends
 * {@code pg_notify('honker_<room>', <name>)} in its own statement, so PostgreSQL delivers it when, and only
 * if, the writer's transaction commits (the commit is the wake-up; a rollback wakes nobody):
 * <table>
 *   <caption>Channels</caption>
 *   <tr><th>channel</th><th>payload</th><th>sent by</th></tr>
 *   <tr><td>{@code honker_queue}</td><td>the queue's name</td><td>enqueue, enqueueAll, requeueDead,
 *       release, retryReschedule, resume</td></tr>
 *   <tr><td>{@code honker_notify}</td><td>the channel</td><td>notify (the room's insert and the
 *       {@code notify(channel, payload)} SQL function)</td></tr>
 *   <tr><td>{@code honker_stream}</td><td>the topic</td><td>publish</td></tr>
 *   <tr><td>{@code honker_lock}</td><td>the lock's name</td><td>release</td></tr>
 *   <tr><td>{@code honker_result}</td><td>the job id, as text</td><td>save</td></tr>
 *   <tr><td>{@code honker_scheduler}</td><td>the task's name</td><td>register, update, resume</td></tr>
 * </table>
 * The channels listened to are in {@code io/honkerj/jdbi/watch/ListenWatcher/listen.sql}. The payload is
 * for people reading {@code pg_stat_activity} or listening themselves: every waiter is woken on any of them
 * and re-checks its own condition (one indexed query), as on SQLite; waiters keep their
 * {@link ChangeWaiter#FALLBACK} re-check, so a write that sends nothing is still seen within it.
 *
 * <h2>Connection</h2>
 * The listening connection is a handle opened from the Jdbi (so a connection of the app's pool, held until
 * the watcher stops, then given back after {@code UNLISTEN *}: a pool shared with honker needs one
 * connection more than the handles honker keeps, or the watcher waits for one and keeps retrying), read with pgjdbc's
 * {@code PGConnection.getNotifications(timeout)}, unwrapped through pool proxies such as HikariCP's. The
 * watcher connects in {@link #acquire(Jdbi)} itself, so a notification committed after the first waiter is
 * created is not missed. When the connection fails (server restart, {@code pg_terminate_backend}, network),
 * the watcher wakes every waiter, reconnects with a backoff ({@value #MIN_BACKOFF_MILLIS} ms doubling to
 * {@value #MAX_BACKOFF_MILLIS} ms), listens again and wakes every waiter once more: a notification sent
 * while it was disconnected is lost, so the waiters re-check instead. An idle connection is checked every
 * {@value #CHECK_EVERY_MILLIS} ms ({@code isValid}), so a silently dead one is noticed too.
 */
public final class ListenWatcher implements WatchWaiter.Source {
    /** How long one read of notifications blocks: how soon the thread sees that it must stop. */
    static final int READ_MILLIS = 100;
    static final long MIN_BACKOFF_MILLIS = 10;
    static final long MAX_BACKOFF_MILLIS = 1000;
    static final long CHECK_EVERY_MILLIS = 5000;
    private static final long STOP_WAIT_MILLIS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(ListenWatcher.class);
    private static final Map<Jdbi, ListenWatcher> WATCHERS = new ConcurrentHashMap<>();

    private final Jdbi jdbi;
    private final String listenSql;
    private final String unlistenSql;
    private final Set<WatchWaiter> waiters = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final LongAdder wakeups = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private int refs;
    private volatile boolean stopping;
    private volatile int backendPid;
    private Handle handle; // the watcher thread's once started
    private Connection connection;

    /** Connects and listens before the thread starts; if that fails, the thread keeps trying. */
    private ListenWatcher(Jdbi jdbi) {
        this.jdbi = jdbi;
        ClasspathSqlLocator sql = ClasspathSqlLocator.removingComments();
        this.listenSql = sql.locate(ListenWatcher.class, "listen").trim();
        this.unlistenSql = sql.locate(ListenWatcher.class, "unlisten").trim();
        try {
            connect();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("listen watcher will connect later: {}", e.toString());
            disconnect(false);
        }
        this.thread = new Thread(this::run, "honker-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Takes a reference to the watcher of a Jdbi's database, starting it if it is not running.
     *
     * @param jdbi a Jdbi on PostgreSQL
     * @return the reference; release it when done
     */
    public static Ref acquire(Jdbi jdbi) {
        Objects.requireNonNull(jdbi, "jdbi");
        synchronized (WATCHERS) {
            ListenWatcher w = WATCHERS.get(jdbi);
            if (w == null) {
                w = new ListenWatcher(jdbi);
                w.thread.start();
                WATCHERS.put(jdbi, w);
            }
            w.refs++;
            return new Ref(w);
        }
    }

    /**
     * Wakes the waiters of a Jdbi's database if it is watched: called by the library after its own commits,
     * so this JVM's waiters need not wait for the notification's round trip.
     *
     * @param jdbi the Jdbi
     */
    public static void wakeIfWatched(Jdbi jdbi) {
        ListenWatcher w = WATCHERS.get(jdbi);
        if (w != null) {
            w.wake();
        }
    }

    /** Wakes every waiter of this watcher. */
    public void wake() {
        wakeAll();
    }

    /** @return how many times the watcher woke its waiters */
    public long wakeups() {
        return wakeups.sum();
    }

    /** @return how many times the watcher connected and listened (1 + reconnections) */
    public long connects() {
        return connects.sum();
    }

    /**
     * The server process of the listening connection ({@code pg_backend_pid()}), e.g. for
     * {@code pg_terminate_backend}; 0 while disconnected.
     *
     * @return the pid, or 0
     */
    public int backendPid() {
        return backendPid;
    }

    /** @return whether the watcher thread is running */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void connect() throws SQLException {
        handle = jdbi.open();
        connection = handle.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (Statement st = connection.createStatement()) {
            st.execute(listenSql);
        }
        backendPid = connection.unwrap(PGConnection.class).getBackendPID();
        connects.increment();
    }

    /** Closes the listening handle; {@code unlisten} first if the connection goes back to a pool alive. */
    private void disconnect(boolean unlisten) {
        backendPid = 0;
        if (handle == null) {
            return;
        }
        if (unlisten) {
            try (Statement st = connection.createStatement()) {
                st.execute(unlistenSql);
            } catch (SQLException | RuntimeException e) {
                LOG.debug("listen watcher could not unlisten before closing: {}", e.toString());
            }
        }
        try {
            handle.close();
        } catch (RuntimeException e) {
            LOG.debug("listen watcher's connection failed to close: {}", e.toString());
        }
        handle = null;
        connection = null;
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        long lastCheck = System.nanoTime();
        try {
            while (!stopping) {
                try {
                    if (handle == null) {
                        connect();
                        lastCheck = System.nanoTime();
                        wakeAll(); // notifications sent while disconnected are lost: everyone re-checks
                    }
                    PGNotification[] got = connection.unwrap(PGConnection.class).getNotifications(READ_MILLIS);
                    long now = System.nanoTime();
                    if (got != null && got.length > 0) {
                        lastCheck = now;
                        wakeAll();
                    } else if (now - lastCheck > TimeUnit.MILLISECONDS.toNanos(CHECK_EVERY_MILLIS)) {
                        lastCheck = now;
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection is no longer valid");
                        }
                    }
                    backoff = MIN_BACKOFF_MILLIS;
                } catch (SQLException | RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    LOG.debug("listen watcher reconnects in {} ms after {}", backoff, e.toString());
                    disconnect(false);
                    wakeAll();
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(backoff));
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } finally {
            disconnect(true);
            synchronized (WATCHERS) {
                WATCHERS.remove(jdbi, this);
            }
        }
    }

    private void wakeAll() {
        wakeups.increment();
        for (WatchWaiter w : waiters) {
            w.wake();
        }
    }

    @Override
    public void blocking() {
        // always listening
    }

    @Override
    public void unblocked() {
        // always listening
    }

    /** @return null: a PostgreSQL database is never replaced under its honkers */
    @Override
    public DatabaseReplacedException failure() {
        return null;
    }

    @Override
    public void remove(WatchWaiter w) {
        waiters.remove(w);
    }

    /** Drops a reference; the last one stops the thread and waits (boundedly) for it to let go. */
    private static void release(ListenWatcher w) {
        synchronized (WATCHERS) {
            if (--w.refs > 0) {
                return;
            }
            WATCHERS.remove(w.jdbi, w);
            w.stopping = true;
        }
        LockSupport.unpark(w.thread);
        if (Thread.currentThread() != w.thread) {
            try {
                w.thread.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A reference to a running listen watcher; releasing the last one stops it. */
    public static final class Ref implements AutoCloseable {
        private final ListenWatcher watcher;
        private boolean released;

        private Ref(ListenWatcher watcher) {
            this.watcher = watcher;
        }

        /** @return the watcher */
        public ListenWatcher watcher() {
            return watcher;
        }

        /**
         * Creates a waiter on this watcher; it does not hold the watcher by itself.
         *
         * @return the waiter
         */
        public ChangeWaiter newWaiter() {
            return watcher.register(null);
        }

        /**
         * Creates a waiter that owns this reference: closing the waiter releases it.
         *
         * @return the waiter
         */
        public ChangeWaiter newOwningWaiter() {
            return watcher.register(this);
        }

        /** Releases the reference; idempotent. */
        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(watcher);
        }
    }

    private WatchWaiter register(Ref owned) {
        WatchWaiter w = new WatchWaiter(this, owned == null ? null : owned::close);
        waiters.add(w);
        return w;
    }
}
