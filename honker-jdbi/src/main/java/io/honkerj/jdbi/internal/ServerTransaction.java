package io.honkerj.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * A write transaction on one of honker's own handles on a server database (PostgreSQL): autocommit off, the
 * work, one {@code commit()}, autocommit back on, straight on the JDBC connection, as a raw JDBC client runs
 * it. The wire messages are those of Jdbi's transactions on pgjdbc (which sends {@code BEGIN} with the first
 * statement and nothing for the autocommit switches while no transaction is open); what this spares is the
 * client's CPU of Jdbi's transaction handler around them.
 *
 * <p>Inside the work the handle reports itself in a transaction (Jdbi's handlers read the connection's
 * autocommit flag), so a nested {@code inTransaction} joins this one. Failures are thrown as Jdbi's own
 * handler throws them ({@link TransactionException} with the {@link SQLException} as cause), which
 * {@link ConnectionFailures} and {@link BusyRetry} read through the cause chain. Only for handles honker
 * opened and gives back in autocommit mode, never for a caller's.
 */
final class ServerTransaction {
    private ServerTransaction() {}

    /**
     * Runs work in one transaction on the session's connection.
     *
     * @param s a session on a connection in autocommit mode
     * @param work the statements
     * @param committing set to true once the work is done and the commit is about to be sent
     * @param <R> the result
     * @return the work's result, committed
     */
    static <R> R run(Session s, Function<Session, R> work, boolean[] committing) {
        Connection conn = s.handle().getConnection();
        try {
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw new TransactionException("Failed to start transaction", e);
        }
        R result;
        try {
            result = work.apply(s);
            committing[0] = true;
            conn.commit();
        } catch (SQLException e) {
            TransactionException failure = new TransactionException("Failed to commit transaction", e);
            rollback(conn, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            rollback(conn, e);
            throw e;
        }
        try {
            conn.setAutoCommit(true); // nothing is open after the commit: pgjdbc sends nothing
        } catch (SQLException e) {
            throw new TransactionException("Failed to end transaction", e);
        }
        return result;
    }

    /** Rolls back after a failure and puts autocommit back; a second failure is added to the first. */
    private static void rollback(Connection conn, Throwable cause) {
        try {
            conn.rollback();
            conn.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e); // the connection is most likely gone: the pool discards it
        }
    }
}
