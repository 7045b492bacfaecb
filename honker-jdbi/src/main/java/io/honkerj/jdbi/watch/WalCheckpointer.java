package io.honkerj.jdbi.watch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Checkpoints the WAL of this JVM's database files in the background, so no committing thread pays for it.
 *
 * <p>With upstream's {@code wal_autocheckpoint = 10000}, the commit that takes the WAL past 10,000 pages
 * runs a checkpoint on the committing thread (measured: 25-51 ms stalls). Honker's connections set it to
 * 100,000 pages, a safety net only: every commit of a plugin connection counts itself ({@link #committed()}:
 * one atomic increment), and one daemon thread per JVM runs {@code PRAGMA wal_checkpoint(PASSIVE)}
 * ({@code checkpoint.sql}) on its own connection to the file once about {@value #TARGET_FRAMES} pages were
 * written since its last pass (it learns the pages per commit from what each checkpoint found). A passive
 * checkpoint waits for nobody; if it copied the whole WAL, the next writer starts the WAL over from its
 * beginning.
 *
 * <p>Only the WAL's length triggers a pass, never a pause in the writes: the first commit after the WAL
 * starts over writes a new WAL header and SQLite syncs it ({@code synchronous=NORMAL}), an fsync on the
 * committing thread (measured: 4 ms median, up to 36 ms on a busy disk, against 0.03-0.3 ms for a commit).
 * Checkpointing a second after every lone commit (as this class once did) made every commit after a pause
 * pay that fsync, and a cross-process wake after a pause took 12-29 ms instead of ~1 ms. Now a WAL restart,
 * and its one fsync, comes once per about {@value #TARGET_FRAMES} pages written.
 *
 * <p>Writes that never pause leave a passive checkpoint no moment to copy the whole WAL, so the WAL would
 * never start over. Once a pass finds the WAL at {@value #RESTART_FRAMES} pages or more, the thread takes the
 * write lock on a second connection of its own ({@code holdWrites.sql}: {@code BEGIN IMMEDIATE} with no busy
 * timeout, tried again every ~100 µs, between two writers' transactions, for up to
 * {@value #RESTART_TRY_MILLIS} ms), copies the rest of the WAL with a passive checkpoint while writers wait,
 * and lets them go ({@code releaseWrites.sql}); the next writer starts the WAL over. Writers wait for that
 * copy and its syncs (a few ms, once per ~{@value #RESTART_FRAMES} pages written), not for a whole
 * checkpoint, and the WAL stays near {@value #RESTART_FRAMES} pages under writes that never pause (further
 * only while a reader holds an old snapshot, as in every SQLite application). Upstream's processes on the
 * same file still checkpoint on their own commits, as they always did.
 *
 * <p>The thread's connection is closed {@value #CLOSE_AFTER_MILLIS} ms after its last checkpoint when no
 * commit came since; the thread then parks with nothing to do (no timer: idle costs nothing). Before each
 * checkpoint it compares the file's identity (one {@code stat}) with the one its connection opened: a deleted
 * or replaced file's connection is closed, never checkpointed into, and a missing file is never created. A
 * file that is not in WAL mode is left alone.
 */
final class WalCheckpointer {
    static final long TARGET_FRAMES = 2000;
    static final long RESTART_FRAMES = 4000;
    static final long RESTART_TRY_MILLIS = 200;
    private static final long RESTART_TRY_PAUSE_NANOS = 50_000;
    static final long CLOSE_AFTER_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final Map<Path, WalCheckpointer> FILES = new ConcurrentHashMap<>();
    private static final String CHECKPOINT_SQL =
            ClasspathSqlLocator.removingComments().locate(WalCheckpointer.class, "checkpoint").trim();
    private static final String HOLD_WRITES_SQL =
            ClasspathSqlLocator.removingComments().locate(WalCheckpointer.class, "holdWrites").trim();
    private static final String RELEASE_WRITES_SQL =
            ClasspathSqlLocator.removingComments().locate(WalCheckpointer.class, "releaseWrites").trim();
    private static Thread thread;

    private final Path file;
    private final AtomicLong commits = new AtomicLong();
    private volatile long wakeAtCommits = 1;
    private volatile boolean signalled;
    private volatile long checkpoints;
    private volatile long lastFrames;
    private volatile long lastCheckpointed;
    private volatile long restarts;
    // the checkpointer thread's:
    private long commitsAtLast;
    private long lastAt = System.nanoTime();
    private double framesPerCommit = 8;
    private boolean notWal;
    private Connection conn;
    private PreparedStatement checkpoint;
    /** The second connection, which holds the write lock while {@link #conn} copies the rest of a long WAL. */
    private Connection holder;
    private PreparedStatement holdWrites;
    private PreparedStatement releaseWrites;
    /** The file's identity when {@link #conn} was opened: a replaced file gets a connection of its own. */
    private FileIdentity opened;

    private WalCheckpointer(Path file) {
        this.file = file;
    }

    /**
     * The checkpointer of a file, starting the JVM's checkpoint thread if it is not running.
     *
     * @param key the file's {@link ChangeWatcher#keyOf(Path) watch key}
     * @return its checkpointer, for the connection's commit hook
     */
    static WalCheckpointer of(Path key) {
        startThread();
        return FILES.computeIfAbsent(key, WalCheckpointer::new);
    }

    /** @return the checkpointer of a file if one was ever made, else null (for tests) */
    static WalCheckpointer existing(Path key) {
        return FILES.get(key);
    }

    private static synchronized void startThread() {
        if (thread == null) {
            thread = new Thread(WalCheckpointer::run, "honker-wal-checkpointer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A commit landed (called in SQLite's commit hook: an increment, and now and then an unpark). */
    void committed() {
        long c = commits.incrementAndGet();
        if (c >= wakeAtCommits && !signalled) {
            signalled = true;
            LockSupport.unpark(thread);
        }
    }

    /** @return how many background checkpoints ran on this file */
    long checkpoints() {
        return checkpoints;
    }

    /** @return the WAL's size in pages that the last checkpoint found */
    long lastFrames() {
        return lastFrames;
    }

    /** @return how many of them the last checkpoint had copied into the database when it returned */
    long lastCheckpointed() {
        return lastCheckpointed;
    }

    /**
     * @return whether the JVM's checkpoint thread is parked with no timer: nothing will wake it but a
     *     commit that reaches its threshold (for tests)
     */
    static boolean parkedWithoutTimer() {
        Thread t;
        synchronized (WalCheckpointer.class) {
            t = thread;
        }
        return t != null && t.getState() == Thread.State.WAITING
                && LockSupport.getBlocker(t) == WalCheckpointer.class;
    }

    /**
     * @return whether this file's commits so far can never wake the checkpoint thread, and it is parked with no
     *     timer: no checkpoint of this file comes before more commits (for tests)
     */
    boolean idleUntilMoreCommits() {
        return !signalled && commits.get() < wakeAtCommits && parkedWithoutTimer();
    }

    /** @return how many times the thread copied all of a long WAL with writers held off, so it started over */
    long restarts() {
        return restarts;
    }

    private static void run() {
        while (true) {
            long now = System.nanoTime();
            long next = Long.MAX_VALUE;
            for (WalCheckpointer f : FILES.values()) {
                try {
                    next = Math.min(next, f.step(now));
                } catch (RuntimeException e) {
                    LOG.warn("WAL checkpointer of {} carries on after an unexpected error", f.file, e);
                }
            }
            if (next == Long.MAX_VALUE) {
                LockSupport.park(WalCheckpointer.class);
            } else {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(WalCheckpointer.class, wait);
                }
            }
        }
    }

    /**
     * Checkpoints if about {@value #TARGET_FRAMES} pages were written since the last pass, closes a connection
     * idle for {@value #CLOSE_AFTER_MILLIS} ms; returns when to look again (MAX_VALUE: on a signal only).
     * A pause in the writes never triggers a pass (see the class comment).
     *
     * @param now {@code System.nanoTime()}, or a later time in tests
     */
    long step(long now) {
        long c = commits.get();
        long pending = c - commitsAtLast;
        if (pending > 0 && !notWal && pending * framesPerCommit >= TARGET_FRAMES) {
            checkpoint(c);
            now = System.nanoTime();
        }
        signalled = false;
        wakeAtCommits = commitsAtLast + commitsPerTarget();
        if (commits.get() >= wakeAtCommits && !notWal) {
            return now; // crossed while the threshold moved: look again at once
        }
        if (conn != null) {
            if (now - lastAt >= CLOSE_AFTER_MILLIS * 1_000_000L) { // commits since stay counted
                close();
                return Long.MAX_VALUE;
            }
            return lastAt + CLOSE_AFTER_MILLIS * 1_000_000L;
        }
        return Long.MAX_VALUE;
    }

    private long commitsPerTarget() {
        return Math.max(1, (long) Math.ceil(TARGET_FRAMES / framesPerCommit));
    }

    private void checkpoint(long commitsNow) {
        long since = commitsNow - commitsAtLast;
        commitsAtLast = commitsNow;
        lastAt = System.nanoTime();
        try {
            if (conn != null && !opened.unchanged()) {
                close(); // the file was deleted or replaced: never checkpoint into the old one's ghost
            }
            if (conn == null) {
                opened = FileIdentity.of(file);
                if (!opened.unchanged()) {
                    return; // no file (deleted): nothing to checkpoint, and never create one
                }
                SQLiteConfig config = new SQLiteConfig();
                config.resetOpenMode(SQLiteOpenMode.CREATE); // an existing file only: never create one
                config.setBusyTimeout(0); // taking the write lock tries and never waits
                conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
                checkpoint = conn.prepareStatement(CHECKPOINT_SQL);
                holder = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
                holdWrites = holder.prepareStatement(HOLD_WRITES_SQL);
                releaseWrites = holder.prepareStatement(RELEASE_WRITES_SQL);
            }
            long[] r = run(checkpoint);
            boolean busy = r[0] != 0;
            long frames = r[1];
            long copied = r[2];
            if (busy) {
                return; // another connection is checkpointing: the commits count towards the next one
            }
            if (frames >= RESTART_FRAMES) {
                restartSoon();
            }
            if (frames < 0) {
                notWal = true;
                close();
                return;
            }
            // frames counts the WAL since it last started over: what these commits added is the growth since
            // the last checkpoint, or all of it if the WAL started over in between
            long added = frames >= lastFrames ? frames - lastFrames : frames;
            if (added > 0 && since > 0) {
                double perCommit = Math.min(1000, Math.max(1, (double) added / since));
                // up at once (an estimate too low lets the WAL grow past its bound), down slowly
                framesPerCommit = perCommit > framesPerCommit ? perCommit
                        : framesPerCommit + (perCommit - framesPerCommit) / 4;
            }
            lastFrames = frames;
            lastCheckpointed = copied;
            checkpoints++;
        } catch (SQLException e) {
            LOG.debug("WAL checkpoint of {} failed, will try again: {}", file, e.toString());
            close();
        }
    }

    /**
     * The WAL is long and did not start over: takes the write lock on {@link #holder} between two writers'
     * transactions (tried for up to {@value #RESTART_TRY_MILLIS} ms; each failed try costs a lock attempt,
     * no I/O), copies the rest of the WAL, and lets writers go; the next one starts the WAL over. Gives up
     * until the next pass if no try succeeds.
     */
    private void restartSoon() throws SQLException {
        long until = System.nanoTime() + RESTART_TRY_MILLIS * 1_000_000L;
        while (!holdWrites()) {
            if (System.nanoTime() - until >= 0) {
                return;
            }
            LockSupport.parkNanos(WalCheckpointer.class, RESTART_TRY_PAUSE_NANOS);
        }
        try {
            long[] r = run(checkpoint);
            if (r[0] == 0 && r[1] == r[2]) {
                restarts++;
            }
        } finally {
            releaseWrites.execute();
        }
    }

    /** Tries once to take the write lock on {@link #holder}; false while another connection holds it. */
    private boolean holdWrites() throws SQLException {
        try {
            holdWrites.execute();
            return true;
        } catch (SQLException e) {
            if ((e.getErrorCode() & 0xff) == 5) { // SQLITE_BUSY: a writer is in a transaction
                return false;
            }
            throw e;
        }
    }

    /** Runs a checkpoint statement: (busy, frames in the WAL, frames checkpointed). */
    private static long[] run(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private void close() {
        if (conn != null) {
            closeQuietly(conn);
            closeQuietly(holder);
            conn = null;
            holder = null;
            checkpoint = null;
            holdWrites = null;
            releaseWrites = null;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }
}
