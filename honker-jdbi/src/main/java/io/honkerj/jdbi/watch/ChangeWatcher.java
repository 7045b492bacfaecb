package io.honkerj.jdbi.watch;

import io.honkerj.api.DatabaseReplacedException;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * The one change watcher of a database file in this JVM, shared by everything that waits on that file.
 *
 * <ul>
 *   <li>Commits of other processes (and of any connection it is not told about): a dedicated sqlite-jdbc
 *       connection polls {@code PRAGMA data_version}, every {@link Options#pollInterval()} (100 µs) for
 *       {@value #FAST_WINDOW_MILLIS} ms after any activity, every {@value #WARM_POLL_MICROS} µs (or the poll
 *       interval if longer) until {@value #WARM_WINDOW_MILLIS} ms after it. When idle it sleeps on
 *       file-system events for the database's directory (inotify on Linux: a commit writes the {@code -wal}
 *       file), re-checking at least every 100 ms, and every {@link Options#idlePollInterval()} (3 ms) where
 *       the platform has no file events or {@link Options#fileEvents()} is off. It polls only while a
 *       waiter is blocked: with nobody waiting (a busy pool draining its backlog) it neither polls nor
 *       keeps the directory registered for file events, whose kernel and JDK threads would otherwise wake
 *       on every write of the {@code -wal} file (measured: a worker pool draining 30% faster on 2 cores).
 *       A poll costs about 3 µs of CPU through a reused PreparedStatement, but on the project's 2-core VM
 *       {@code parkNanos} sleeps at least ~70 µs (100 µs asked = ~156-170 µs: the kernel's 50 µs timer
 *       slack and the wake-up), so the watcher asks for less by the oversleep it measured, and the active
 *       poll interval is the one configured; each timed wake-up costs tens of microseconds of CPU: measured idle, fixed 1 ms polling (upstream) used 4.1% of a core, 3 ms
 *       polling 2.1%, file events 0.33% (see {@code WatcherProbe} in the tests). A change wakes every
 *       waiter.</li>
 *   <li>This JVM's commits: the library calls {@link #wakeIfWatched(Path)} (or {@link #wake()}) right after
 *       committing, and {@link #installCommitHook(Connection, Path)} makes every commit of a connection,
 *       autocommit statements included, call {@link #hint(Path)}. sqlite-jdbc runs that listener inside
 *       SQLite's commit hook, on the committing thread, before other connections can see the commit, so it
 *       only switches polling to fast rather than waking waiters too early: they are woken by the next poll,
 *       at most one poll interval after the commit lands.</li>
 *   <li>The file itself: every 100 ms its identity (device and inode) is compared with the one it had; if
 *       it was deleted or replaced, the watcher stops, every waiter gets {@link DatabaseReplacedException},
 *       and the old file's {@code -wal} and {@code -shm} are deleted if they are still the ones it saw at start
 *       (honkers on the file also find out for themselves before each operation). It only stats the files
 *       ({@link FileIdentity}): opening and closing the database, {@code -wal} or {@code -shm} file in a
 *       process holding SQLite connections would drop SQLite's POSIX locks (upstream issue #80).</li>
 * </ul>
 * Started by the first {@link #acquire(Path)} of a file, stopped when the last reference is released; the
 * registry of running watchers, keyed by {@link #keyOf(Path)}, is this package's only static mutable
 * state.
 */
public final class ChangeWatcher implements WatchWaiter.Source {
    static final long WARM_POLL_MICROS = 1000;
    static final long FAST_WINDOW_MILLIS = 50;
    static final long WARM_WINDOW_MILLIS = 1000;
    private static final long STAT_EVERY_NANOS = 100_000_000L;
    /** Pauses up to this long teach {@link #pause(long)} the oversleep: the active and warm poll intervals. */
    private static final long MAX_TUNED_PAUSE_NANOS = 2_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatcher.class);
    private static final Map<Path, ChangeWatcher> WATCHERS = new ConcurrentHashMap<>();

    private final Path file;
    private final Set<WatchWaiter> waiters = ConcurrentHashMap.newKeySet();
    /** Waiters blocked in {@link WatchWaiter#await} now: the watcher polls only while there are some. */
    private final java.util.concurrent.atomic.AtomicInteger blocked = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;
    private int refs;
    private volatile boolean stopping;
    private volatile long fastUntil;
    private volatile long warmUntil;
    private volatile DatabaseReplacedException failure;
    private final java.util.concurrent.atomic.LongAdder wakeups = new java.util.concurrent.atomic.LongAdder();
    private volatile long polls;
    /** The watcher thread's: idle wake-ups by a file event about this database. */
    private volatile long fileEventWakeups;
    /** Whether the watcher thread is waiting for file events now (idle with a waiter blocked). */
    private volatile boolean onFileEvents;
    private final Options options;

    private final FileIdentity identity;
    private final FileIdentity wal;
    private final FileIdentity shm;
    private final String dataVersionSql;
    private final WatchService fileEvents;
    private WatchKey dirKey; // the watcher thread's: registered only while idle with a waiter blocked
    private Connection conn;
    private PreparedStatement dataVersion;
    private long lastVersion;
    /** How much longer than asked a short pause sleeps, averaged; the watcher thread's. */
    private long oversleep;

    /**
     * Takes the file's identity and the data-version baseline before the thread starts, so a change (or a
     * replacement of the file) right after {@link #acquire} returns is not mistaken for the starting state.
     */
    private ChangeWatcher(Path file, Options options) {
        this.file = file;
        this.options = options;
        this.fastUntil = System.nanoTime(); // windows closed (nanoTime may be negative: never compare with 0)
        this.warmUntil = fastUntil;
        this.identity = FileIdentity.of(file);
        this.wal = FileIdentity.of(Path.of(file + "-wal"));
        this.shm = FileIdentity.of(Path.of(file + "-shm"));
        this.dataVersionSql = ClasspathSqlLocator.removingComments().locate(ChangeWatcher.class, "dataVersion").trim();
        this.fileEvents = options.fileEvents() ? openFileEvents(file) : null;
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
            register(ws, file).cancel(); // can we? then only while needed
            return ws;
        } catch (IOException | RuntimeException e) {
            LOG.debug("no file events for {}, polling only: {}", file, e.toString());
            return null;
        }
    }

    private static WatchKey register(WatchService ws, Path file) throws IOException {
        return file.getParent().register(ws, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
    }

    /**
     * Registers the directory for file events if it is not; returns false if that failed (then the idle
     * watcher polls instead).
     */
    private boolean watchDirectory() {
        if (dirKey != null && dirKey.isValid()) {
            return true;
        }
        try {
            dirKey = register(fileEvents, file);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("file events for {} unavailable now, polling: {}", file, e.toString());
            dirKey = null;
            return false;
        }
    }

    /** Stops file events (they would wake threads on every write) and drops any already queued. */
    private void unwatchDirectory() {
        if (dirKey != null) {
            dirKey.cancel();
            dirKey = null;
        }
        drainFileEvents();
    }

    /**
     * Idle wait: until a file event about this database (then poll fast at once) or {@code timeoutNanos}.
     * Events about other files in the directory are drained and ignored.
     */
    private void awaitFileEvent(long timeoutNanos) {
        try {
            WatchKey key;
            onFileEvents = true;
            try {
                key = fileEvents.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            } finally {
                onFileEvents = false;
            }
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
                fileEventWakeups++;
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
            for (WatchKey key = fileEvents.poll(); key != null; key = fileEvents.poll()) {
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
     * Takes a reference to the watcher of a file, starting it with {@link Options#defaults()} if it is not
     * running.
     *
     * @param dbFile the database file
     * @return the reference; release it when done
     */
    public static Ref acquire(Path dbFile) {
        return acquire(dbFile, Options.defaults());
    }

    /**
     * Takes a reference to the watcher of a file, starting it with {@code options} if it is not running. A
     * watcher already running keeps the options it was started with: there is one per file.
     *
     * @param dbFile the database file
     * @param options how to watch, if this call starts the watcher
     * @return the reference; release it when done
     */
    public static Ref acquire(Path dbFile, Options options) {
        Objects.requireNonNull(options, "options");
        Path key = keyOf(dbFile);
        synchronized (WATCHERS) {
            ChangeWatcher w = WATCHERS.get(key);
            if (w == null) {
                w = new ChangeWatcher(key, options);
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
            w.wake();
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

    /**
     * Makes every commit of {@code conn} tell the watcher of {@code dbFile}, if one is running then, to poll
     * fast, and count towards the file's next background WAL checkpoint ({@code WalCheckpointer}); costs one
     * map lookup and one atomic increment per commit when no watcher runs. Autocommit writes, JDBC {@code commit()} and SQL
     * {@code COMMIT} all count; reads and rollbacks do not. Does nothing for a connection that is not
     * sqlite-jdbc's. Call it once per physical connection (each call adds a listener).
     *
     * @param conn a sqlite-jdbc connection, or a wrapper of one
     * @param dbFile the database file it has open
     * @throws SQLException if the connection cannot be unwrapped
     */
    public static void installCommitHook(Connection conn, Path dbFile) throws SQLException {
        if (!conn.isWrapperFor(SQLiteConnection.class)) {
            return;
        }
        Path key = keyOf(dbFile);
        conn.unwrap(SQLiteConnection.class).addCommitListener(new CommitHint(key, WalCheckpointer.of(key)));
    }

    /**
     * Runs inside SQLite's commit hook: must not run SQL on the committing connection, and must be quick.
     * Tells the watcher to poll fast and the file's {@link WalCheckpointer} that pages were written.
     */
    private record CommitHint(Path key, WalCheckpointer checkpointer) implements SQLiteCommitListener {
        @Override
        public void onCommit() {
            hint(key);
            checkpointer.committed();
        }

        @Override
        public void onRollback() {
            // nothing changed
        }
    }

    /** Wakes every waiter of this watcher and polls fast for a while: call it right after a commit. */
    public void wake() {
        wakeAll();
        goFast();
    }

    /** @return the options this watcher was started with */
    public Options options() {
        return options;
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
        return wakeups.sum();
    }

    /** @return how many times the watcher has read {@code PRAGMA data_version} */
    public long polls() {
        return polls;
    }

    /** @return how many times a file event about the database woke the idle watcher */
    long fileEventWakeups() {
        return fileEventWakeups;
    }

    /** @return whether the watcher is idle now, waiting for file events rather than polling */
    boolean onFileEvents() {
        return onFileEvents;
    }

    /** @return whether the watcher thread is running */
    public boolean isRunning() {
        return thread.isAlive();
    }

    private void start() {
        thread.start();
    }

    /**
     * Polls fast for a while; wakes the watcher thread only if it was not polling fast already (then its
     * next poll is at most one interval away anyway, and a wake-up from the commit hook, before the commit
     * is visible, would only cost a poll that finds nothing: one thread wake-up per commit saved).
     */
    private void goFast() {
        long now = System.nanoTime();
        boolean wasFast = now - fastUntil < 0;
        fastUntil = now + FAST_WINDOW_MILLIS * 1_000_000L;
        warmUntil = now + WARM_WINDOW_MILLIS * 1_000_000L;
        if (!wasFast && blocked.get() > 0) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * A waiter is about to block: poll at once if nobody was blocked (the watcher skips polls while nobody
     * waits, so a busy writer with no one waiting pays nothing for it). The first poll compares with the
     * version last seen, from before the waiter checked its condition, so a change in between still wakes it.
     */
    @Override
    public void blocking() {
        if (blocked.getAndIncrement() == 0) {
            LockSupport.unpark(thread);
        }
    }

    /** A waiter stopped blocking. */
    @Override
    public void unblocked() {
        blocked.decrementAndGet();
    }

    void wakeAll() {
        wakeups.increment();
        for (WatchWaiter w : waiters) {
            w.wake();
        }
    }

    @Override
    public void remove(WatchWaiter w) {
        waiters.remove(w);
    }

    @Override
    public DatabaseReplacedException failure() {
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
        long fastPollNanos = options.pollInterval().toNanos();
        long warmPollNanos = Math.max(fastPollNanos, WARM_POLL_MICROS * 1_000L);
        long idlePollNanos = Math.max(warmPollNanos, options.idlePollInterval().toNanos());
        long nextStat = System.nanoTime() + STAT_EVERY_NANOS;
        try {
            while (!stopping) {
                try {
                    if (conn == null) {
                        connect();
                        wakeAll();
                    }
                    if (blocked.get() > 0) {
                        long v = read(dataVersion);
                        polls++;
                        if (v != lastVersion) {
                            lastVersion = v;
                            wakeAll();
                            goFast();
                        }
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
                    String lost = identity.lost();
                    if (lost != null) {
                        failure = new DatabaseReplacedException(file.toString(), lost);
                        // the old file's -wal and -shm (same inodes as when the watcher started) must not be
                        // paired with the new file: whoever opens it next would replay the old pages over it
                        wal.deleteIfUnchanged();
                        shm.deleteIfUnchanged();
                        wakeAll();
                        return;
                    }
                }
                if (blocked.get() == 0) {
                    // nobody to wake: sleep until someone blocks (blocking() unparks) or the identity check
                    unwatchDirectory();
                    LockSupport.parkNanos(this, Math.max(1, nextStat - now));
                } else if (now - warmUntil >= 0 && fileEvents != null && dirKey != null) {
                    awaitFileEvent(Math.max(1, nextStat - now));
                } else if (now - warmUntil >= 0 && fileEvents != null && watchDirectory()) {
                    continue; // registered: poll once more, so a write just before registering is not missed
                } else {
                    unwatchDirectory();
                    long pause = now - fastUntil < 0 ? fastPollNanos
                            : now - warmUntil < 0 ? warmPollNanos : idlePollNanos;
                    // never past the next identity check, however long the idle poll interval
                    pause(Math.max(1, Math.min(pause, nextStat - now)));
                }
            }
        } finally {
            closeQuietly(conn); // after a loss too: SQLite neither checkpoints nor deletes the -wal of a moved file
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

    /**
     * Sleeps about {@code nanos}: asks the kernel for that much less the oversleep measured on earlier
     * pauses (Linux's 50 µs timer slack and the VM's wake-up cost made a 100 µs park last ~156 µs), so the
     * active poll interval is the one configured. Learns only from pauses that ran their full length (not
     * cut short by an unpark), and never asks for less than a quarter of {@code nanos}, so it cannot spin.
     */
    private void pause(long nanos) {
        long ask = Math.max(nanos / 4, nanos - oversleep);
        long t0 = System.nanoTime();
        LockSupport.parkNanos(this, ask);
        long slept = System.nanoTime() - t0;
        if (slept >= ask && nanos <= MAX_TUNED_PAUSE_NANOS) {
            long over = Math.min(slept - ask, nanos);
            oversleep += (over - oversleep) / 8;
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

    private static void closeQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }

    /**
     * How a watcher polls, fixed when it starts.
     *
     * @param pollInterval pause between {@code PRAGMA data_version} reads for a while after activity
     *     (default 100 µs); must be positive
     * @param idlePollInterval pause between reads once idle when file events are not used (default 3 ms);
     *     must be positive, and is never shorter than the active one
     * @param fileEvents whether an idle watcher sleeps on file-system events for the database's directory,
     *     polling at least every 100 ms, instead of polling every {@code idlePollInterval} (default true;
     *     ignored where the platform has none)
     */
    public record Options(Duration pollInterval, Duration idlePollInterval, boolean fileEvents) {
        /**
         * Checks the values.
         *
         * @param pollInterval the pause between reads after activity; positive
         * @param idlePollInterval the pause between reads once idle, without file events; positive
         * @param fileEvents whether an idle watcher sleeps on file-system events
         * @throws IllegalArgumentException if an interval is zero or negative, naming it
         * @throws NullPointerException if an interval is {@code null}
         */
        public Options {
            positive("pollInterval", pollInterval);
            positive("idlePollInterval", idlePollInterval);
        }

        private static void positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
        }

        /** @return 100 µs after activity, 3 ms idle polling where there are no file events, file events on */
        public static Options defaults() {
            return new Options(Duration.ofNanos(100_000), Duration.ofMillis(3), true);
        }

        /**
         * @param interval the new active poll interval
         * @return a copy with it
         */
        public Options withPollInterval(Duration interval) {
            return new Options(interval, idlePollInterval, fileEvents);
        }

        /**
         * @param interval the new idle poll interval
         * @return a copy with it
         */
        public Options withIdlePollInterval(Duration interval) {
            return new Options(pollInterval, interval, fileEvents);
        }

        /**
         * @param on whether to sleep on file events when idle
         * @return a copy with it
         */
        public Options withFileEvents(boolean on) {
            return new Options(pollInterval, idlePollInterval, on);
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
        WatchWaiter w = new WatchWaiter(this, owned == null ? null : owned::close);
        waiters.add(w);
        return w;
    }
}
