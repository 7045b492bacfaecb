package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * A SQLite busy handler that keeps the 5 s budget of upstream's {@code busy_timeout = 5000} but retries
 * every 50-250 microseconds (jittered) instead of backing off to 100 ms sleeps.
 *
 * <p>Why: a busy process hands the write lock from one of its transactions to the next within
 * microseconds. With SQLite's default handler, waiting processes sleep up to 100 ms between tries and
 * almost never find the lock free, so one process can starve the others for as long as it has work.
 * Polling this often lets a waiter take the gaps. Installing a handler replaces the one
 * {@code PRAGMA busy_timeout} set, which then reads 0.
 */
public final class EagerBusyHandler extends BusyHandler {
    private static final long BUDGET_NANOS = 5_000_000_000L;
    private long waitingSince;

    private EagerBusyHandler() {}

    /**
     * Installs a handler on a sqlite-jdbc connection.
     *
     * @param conn the connection
     * @throws SQLException if sqlite-jdbc refuses
     */
    public static void install(Connection conn) throws SQLException {
        BusyHandler.setHandler(conn, new EagerBusyHandler());
    }

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            waitingSince = now;
        } else if (now - waitingSince > BUDGET_NANOS) {
            return 0;
        }
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 250_000));
        return 1;
    }
}
