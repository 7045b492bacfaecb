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
 * runs a checkpoint on the committing thread (measured: 25-51 ms stalls). Here every commit of a plugin
 * connection counts itself ({@link #committed()}: one atomic increment); one daemon thread per JVM runs
 * {@code PRAGMA wal_checkpoint(PASSIVE)} ({@code checkpoint.sql}) on its own connection to the file once
 * about {@value #TARGET_FRAMES} pages were written since its last checkpoint (it learns the pages per
 * commit from what each checkpoint found), or {@value #MAX_GAP_MILLIS} ms after a commit at the latest.
 * A passive checkpoint waits for nobody. When it copied the whole WAL (writes paused for as long as it
 * ran), the next writer starts the WAL over from its beginning, so the WAL stays near
 * {@value #TARGET_FRAMES} pages and SQLite's own autocheckpoint, kept at upstream's 10,000 pages, is never
 * reached. Under writes that never pause, the WAL cannot start over without a moment with no writer: it
 * grows to those 10,000 pages, and the commit that crosses them runs SQLite's checkpoint, which then has
 * only the pages written since this thread's last pass left to copy, not all of them. Upstream's
 * processes on the same file still checkpoint on their own commits, as they always did.
 *
 * <p>The thread's connection is closed {@value #CLOSE_AFTER_MILLIS} ms after the file's last commit; the
 * thread then parks with nothing to do (no timer: idle costs nothing). Before each checkpoint it compares
 * the file's identity (one {@code stat}) with the one its connection opened: a deleted or replaced file's
 * connection is closed, never checkpointed into, and a missing file is never created. A file that is not
 * in WAL mode is left alone.
 */
final class WalCheckpointer {
    static final long TARGET_FRAMES = 2000;
    static final long MAX_GAP_MILLIS = 1000;
    static final long CLOSE_AFTER_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    private static final Map<Path, WalCheckpointer> FILES = new ConcurrentHashMap<>();
    private static final String CHECKPOINT_SQL =
            ClasspathSqlLocator.removingComments().locate(WalCheckpointer.class, "checkpoint").trim();
    private static Thread thread;

    private final Path file;
    private final AtomicLong commits = new AtomicLong();
    private volatile long wakeAtCommits = 1;
    private volatile boolean signalled;
    private volatile long checkpoints;
    private volatile long lastFrames;
    private volatile long lastCheckpointed;
    // the checkpointer thread's:
    private long commitsAtLast;
    private long lastAt = System.nanoTime();
    private double framesPerCommit = 8;
    private boolean notWal;
    private boolean idle = true;
    private Connection conn;
    private PreparedStatement checkpoint;
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

    /** Checkpoints if due, closes an idle connection; returns when to look again (MAX_VALUE: on a signal). */
    private long step(long now) {
        long c = commits.get();
        long pending = c - commitsAtLast;
        if (pending > 0 && !notWal) {
            if (idle) {
                idle = false;
                lastAt = now; // the gap runs from the first commit after a quiet spell
            }
            if (pending * framesPerCommit >= TARGET_FRAMES || now - lastAt >= MAX_GAP_MILLIS * 1_000_000L) {
                checkpoint(c);
                now = System.nanoTime();
                pending = commits.get() - commitsAtLast;
                if (pending == 0) {
                    signalled = false;
                    wakeAtCommits = commitsAtLast + commitsPerTarget();
                    return now + CLOSE_AFTER_MILLIS * 1_000_000L;
                }
            }
            signalled = false;
            wakeAtCommits = commitsAtLast + commitsPerTarget();
            if (commits.get() >= wakeAtCommits) {
                return now; // crossed while the threshold moved: look again at once
            }
            return lastAt + MAX_GAP_MILLIS * 1_000_000L;
        }
        if (conn != null) {
            if (now - lastAt >= CLOSE_AFTER_MILLIS * 1_000_000L) {
                close();
                return Long.MAX_VALUE;
            }
            return lastAt + CLOSE_AFTER_MILLIS * 1_000_000L;
        }
        idle = true;
        signalled = false;
        wakeAtCommits = commitsAtLast + 1;
        return commits.get() > commitsAtLast ? now : Long.MAX_VALUE;
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
                conn = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
                checkpoint = conn.prepareStatement(CHECKPOINT_SQL);
            }
            boolean busy;
            long frames;
            long copied;
            try (ResultSet rs = checkpoint.executeQuery()) {
                rs.next();
                busy = rs.getInt(1) != 0;
                frames = rs.getLong(2);
                copied = rs.getLong(3);
            }
            if (busy) {
                return; // another connection is checkpointing: the commits count towards the next one
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
                framesPerCommit += (perCommit - framesPerCommit) / 4;
            }
            lastFrames = frames;
            lastCheckpointed = copied;
            checkpoints++;
        } catch (SQLException e) {
            LOG.debug("WAL checkpoint of {} failed, will try again: {}", file, e.toString());
            close();
        }
    }

    private void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
            conn = null;
            checkpoint = null;
        }
    }
}
