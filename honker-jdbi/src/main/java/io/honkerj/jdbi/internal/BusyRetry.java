package io.honkerj.jdbi.internal;

import io.honkerj.api.DatabaseBusyException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Retries a whole transaction while SQLite reports the database busy or locked, or PostgreSQL aborts it to
 * resolve a conflict (serialization failure {@code 40001}, deadlock {@code 40P01}: see
 * {@link ConnectionFailures#isConflict}).
 *
 * <p>SQLite's own busy handler (busy_timeout 5000 ms) already waits for the write lock; a transaction can
 * still fail with SQLITE_BUSY when the handler gives up under heavy multi-process contention, or at once
 * when a deferred reader cannot upgrade. Such a transaction was rolled back and changed nothing, so running
 * it again is safe; the same holds for a PostgreSQL transaction the server aborted. The user only sees
 * {@link DatabaseBusyException} once the deadline has passed.
 */
final class BusyRetry {
    private final Duration deadline;

    BusyRetry(Duration deadline) {
        this.deadline = deadline;
    }

    <R> R run(String what, Supplier<R> transaction) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        int attempt = 0;
        while (true) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                boolean conflict = !isBusy(e) && ConnectionFailures.isConflict(e);
                if (!conflict && !isBusy(e)) {
                    throw e;
                }
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new DatabaseBusyException(what + (conflict
                            ? ": the server kept aborting it (SQLState " + ConnectionFailures.sqlState(e)
                                    + ", serialization failure or deadlock) for " + deadline.toMillis() + " ms"
                            : ": database stayed busy for " + deadline.toMillis() + " ms"), e);
                }
                attempt++;
                long maxPauseMicros = Math.min(20_000, 200L << Math.min(attempt, 7));
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50, maxPauseMicros) * 1_000);
            }
        }
    }

    static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                int primary = code == null ? 0 : code.code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_BUSY.code
                        || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
