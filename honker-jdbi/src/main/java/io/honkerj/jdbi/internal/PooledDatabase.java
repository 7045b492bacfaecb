package io.honkerj.jdbi.internal;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * A database the library owns outright: a small pool of long-lived handles, each with its DAOs attached
 * once, so an operation costs its statements and nothing more.
 */
public final class PooledDatabase extends OwnedDatabase {
    private final Jdbi jdbi;
    private final BlockingQueue<HandleSession> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int maxHandles;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the pool; no connection is opened until first use.
     *
     * @param jdbi a Jdbi with the honker plugin installed
     * @param settings clock, codec, busy deadline
     * @param file the database file, or null for a memory database
     * @param maxHandles the most handles open at once
     */
    public PooledDatabase(Jdbi jdbi, HonkerSettings settings, Path file, int maxHandles) {
        super(settings, file);
        this.jdbi = jdbi;
        this.maxHandles = Args.requirePositive("maxConnections", maxHandles);
        this.idle = new ArrayBlockingQueue<>(maxHandles);
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

    private HandleSession borrow() {
        if (closed.get()) {
            throw new IllegalStateException("This honker is closed");
        }
        HandleSession s = idle.poll();
        if (s != null) {
            return s;
        }
        if (created.incrementAndGet() <= maxHandles) {
            try {
                return new HandleSession(jdbi.open());
            } catch (RuntimeException e) {
                created.decrementAndGet();
                throw e;
            }
        }
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a connection", e);
        }
    }

    private void giveBack(HandleSession s, boolean healthy) {
        boolean reusable = !closed.get() && !s.handle().isClosed();
        if (reusable && !healthy) {
            try {
                reusable = !s.handle().getConnection().isClosed() && s.handle().getConnection().getAutoCommit();
            } catch (Exception e) {
                reusable = false;
            }
        }
        if (reusable && idle.offer(s)) {
            return;
        }
        created.decrementAndGet();
        s.handle().close();
    }


    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            releaseWatcher();
            HandleSession s;
            while ((s = idle.poll()) != null) {
                s.handle().close();
            }
        }
    }
}
