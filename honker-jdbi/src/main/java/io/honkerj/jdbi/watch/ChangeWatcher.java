package io.honkerj.jdbi.watch;

import io.honkerj.api.DatabaseReplacedException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The one change watcher of a database file in this JVM, shared by everything that waits on that file.
 *
 * <ul>
 *   <li>Commits of other processes (and of any connection it is not told about): a dedicated sqlite-jdbc
 *       connection polls {@code PRAGMA data_version}, every {@value #FAST_POLL_MICROS} µs for
 *       {@value #FAST_WINDOW_MILLIS} ms after any activity, every {@value #WARM_POLL_MICROS} µs until
 *       {@value #WARM_WINDOW_MILLIS} ms after it. When idle it sleeps on file-system events for the
 *       database's directory (inotify on Linux: a commit writes the {@code -wal} file), re-checking at
 *       least every 100 ms, and every {@value #IDLE_POLL_MICROS} µs where the platform has no file events.
 *       A poll costs a few microseconds, but each timed wake-up costs tens of microseconds of CPU on the
 *       project's VM, which is why idle waits on events instead. A change wakes every waiter.</li>
 *   <li>This JVM's commits: the library calls {@link #wakeIfWatched(Path)} right after committing, and the
 *       plugin's commit hook calls {@link #hint(Path)} (the hook runs just before a commit is visible, so it
 *       only switches polling to fast rather than waking waiters too early).</li>
 *   <li>The file itself: every 100 ms its identity (device and inode) is compared with the one it had; if
 *       it was deleted or replaced, the watcher stops and every waiter gets {@link DatabaseReplacedException}.
 *       It only stats the files: opening and closing the database, {@code -wal} or {@code -shm} file in a
 *       process holding SQLite connections would drop SQLite's POSIX locks (upstream issue #80).</li>
 * </ul>
 * Started by the first {@link #acquire(Path)} of a file, stopped when the last reference is released.
 */
public final class ChangeWatcher {
    static final long FAST_POLL_MICROS = 100;
    static final long WARM_POLL_MICROS = 1000;
    static final long IDLE_POLL_MICROS = 3000;
    static final long FAST_WINDOW_MILLIS = 50;
    static final long WARM_WINDOW_MILLIS = 1000;
    private static final long STAT_EVERY_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final Map<Path, ChangeWatcher> WATCHERS = new ConcurrentHashMap<>();

    private final Path file;
    private final Set<WatchWaiter> waiters = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private int refs;
    private volatile boolean stopping;
    private volatile long fastUntil;
    private volatile long warmUntil;
    private volatile DatabaseReplacedException failure;
    private volatile long wakeups;

    private final Object identity;
    private final String dataVersionSql;
    private final WatchService fileEvents;
    private Connection conn;
    private PreparedStatement dataVersion;
    private long lastVersion;

    /**
     * Takes the file's identity and the data-version baseline before the thread starts, so a change (or a
     * replacement of the file) right after {@link #acquire} returns is not mistaken for the starting state.
     */
    private ChangeWatcher(Path file) {
        this.file = file;
        this.identity = identity();
        this.dataVersionSql = ClasspathSqlLocator.removingComments().locate(ChangeWatcher.class, "dataVersion").trim();
        this.fileEvents = openFileEvents(file);
        try {
            connect();
        } catch (SQLException e) {
            LOG.debug("change watcher of {} will connect later: {}", file, e.toString());
            closeQuietly(conn);
            conn = null;
        }
        this.thread = new Thread(this::run, "honker-watcher-" + file.getFileName());
        this.thread.setDaemon(true);
    }

    /**
     * Registers for file-system events on the database's directory (inotify on Linux), so an idle watcher
     * sleeps until the {@code -wal} or database file is written instead of waking on a timer. Only the
     * directory is watched; no database file is opened. Returns null where the platform cannot.
     */
    private static WatchService openFileEvents(Path file) {
        try {
            WatchService ws = file.getFileSystem().newWatchService();
            file.getParent().register(ws, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            return ws;
        } catch (IOException | RuntimeException e) {
            LOG.debug("no file events for {}, polling only: {}", file, e.toString());
            return null;
        }
    }

    /**
     * Idle wait: until a file event about this database (then poll fast at once) or {@code timeoutNanos}.
     * Events about other files in the directory are drained and ignored.
     */
    private void awaitFileEvent(long timeoutNanos) {
        try {
            WatchKey key = fileEvents.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (key == null) {
                return;
            }
            String name = file.getFileName().toString();
            boolean ours = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                Object context = event.context();
                ours |= event.kind() == StandardWatchEventKinds.OVERFLOW
                        || (context != null && context.toString().startsWith(name));
            }
            key.reset();
            if (ours) {
                goFast();
            }
        } catch (InterruptedException e) {
            // stop() interrupts nothing; an interrupt here is spurious: carry on
        } catch (ClosedWatchServiceException e) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
    }

    private void drainFileEvents() {
        if (fileEvents != null) {
            WatchKey key = fileEvents.poll();
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        }
    }

    private void connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        dataVersion = conn.prepareStatement(dataVersionSql);
        lastVersion = read(dataVersion);
    }

    /**
     * The key a file is watched under: its real path when it exists, else its absolute normal form.
     *
     * @param dbFile the database file
     * @return the key
     */
    public static Path keyOf(Path dbFile) {
        try {
            return dbFile.toRealPath();
        } catch (IOException e) {
            return dbFile.toAbsolutePath().normalize();
        }
    }

    /**
     * Takes a reference to the watcher of a file, starting it if it is not running.
     *
     * @param dbFile the database file
     * @return the reference; release it when done
     */
    public static Ref acquire(Path dbFile) {
        Path key = keyOf(dbFile);
        synchronized (WATCHERS) {
            ChangeWatcher w = WATCHERS.get(key);
            if (w == null) {
                w = new ChangeWatcher(key);
                w.start();
                WATCHERS.put(key, w);
            }
            w.refs++;
            return new Ref(w);
        }
    }

    /**
     * Wakes the waiters of a file if it is watched: called by the library after its own commits.
     *
     * @param key the file's {@link #keyOf(Path) key}
     */
    public static void wakeIfWatched(Path key) {
        ChangeWatcher w = WATCHERS.get(key);
        if (w != null) {
            w.wakeAll();
            w.goFast();
        }
    }

    /**
     * Tells the watcher of a file, if any, that a commit is under way: it polls fast for a while.
     *
     * @param key the file's {@link #keyOf(Path) key}
     */
    public static void hint(Path key) {
        ChangeWatcher w = WATCHERS.get(key);
        if (w != null) {
            w.goFast();
        }
    }

    /** @return the watched file */
    public Path file() {
        return file;
    }

    /** @return the watcher thread's CPU time so far in nanoseconds, or -1 if the JVM cannot tell */
    public long cpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(thread.getId()) : -1;
    }

    /** @return how many times the watcher woke its waiters */
    public long wakeups() {
        return wakeups;
    }

    /** @return whether the watcher thread is running */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void start() {
        thread.start();
    }

    private void goFast() {
        long now = System.nanoTime();
        fastUntil = now + FAST_WINDOW_MILLIS * 1_000_000L;
        warmUntil = now + WARM_WINDOW_MILLIS * 1_000_000L;
        LockSupport.unpark(thread);
    }

    void wakeAll() {
        wakeups++;
        for (WatchWaiter w : waiters) {
            w.wake();
        }
    }

    void remove(WatchWaiter w) {
        waiters.remove(w);
    }

    DatabaseReplacedException failure() {
        return failure;
    }

    private static void release(ChangeWatcher w) {
        synchronized (WATCHERS) {
            if (--w.refs == 0) {
                WATCHERS.remove(w.file, w);
                w.stopping = true;
                LockSupport.unpark(w.thread);
            }
        }
    }

    private void run() {
        long nextStat = System.nanoTime() + STAT_EVERY_NANOS;
        try {
            while (!stopping) {
                try {
                    if (conn == null) {
                        connect();
                        wakeAll();
                    }
                    long v = read(dataVersion);
                    if (v != lastVersion) {
                        lastVersion = v;
                        wakeAll();
                        goFast();
                    }
                } catch (SQLException e) {
                    if (!isBusy(e)) {
                        LOG.debug("change watcher of {} reconnects after {}", file, e.toString());
                        closeQuietly(conn);
                        conn = null;
                        wakeAll();
                    }
                } catch (RuntimeException e) {
                    LOG.warn("change watcher of {} carries on after an unexpected error", file, e);
                    wakeAll();
                }
                long now = System.nanoTime();
                if (now - nextStat >= 0) {
                    nextStat = now + STAT_EVERY_NANOS;
                    String lost = lost(identity);
                    if (lost != null) {
                        failure = new DatabaseReplacedException(file.toString(), lost);
                        wakeAll();
                        return;
                    }
                }
                if (now - warmUntil >= 0 && fileEvents != null) {
                    awaitFileEvent(STAT_EVERY_NANOS);
                } else {
                    drainFileEvents();
                    long pause = now - fastUntil < 0 ? FAST_POLL_MICROS
                            : now - warmUntil < 0 ? WARM_POLL_MICROS : IDLE_POLL_MICROS;
                    LockSupport.parkNanos(this, pause * 1_000L);
                }
            }
        } finally {
            closeQuietly(conn);
            if (fileEvents != null) {
                try {
                    fileEvents.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
            synchronized (WATCHERS) {
                WATCHERS.remove(file, this);
            }
            if (failure != null) {
                LOG.warn("change watcher stopped: {}", failure.getMessage());
            }
        }
    }

    private static long read(PreparedStatement dataVersion) throws SQLException {
        try (ResultSet rs = dataVersion.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean isBusy(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 5 || code == 6;
    }

    private Object identity() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns "deleted" or "replaced" if the file is no longer the one watched, else null. */
    private String lost(Object identity) {
        try {
            Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Objects.equals(now, identity) ? null : "replaced";
        } catch (NoSuchFileException e) {
            return "deleted";
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }

    /** A reference to a running watcher; releasing the last one stops it. */
    public static final class Ref implements AutoCloseable {
        private final ChangeWatcher watcher;
        private boolean released;

        private Ref(ChangeWatcher watcher) {
            this.watcher = watcher;
        }

        /** @return the watcher */
        public ChangeWatcher watcher() {
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
        public synchronized void close() {
            if (!released) {
                released = true;
                release(watcher);
            }
        }
    }

    private WatchWaiter register(Ref owned) {
        WatchWaiter w = new WatchWaiter(this, owned);
        waiters.add(w);
        return w;
    }
}
