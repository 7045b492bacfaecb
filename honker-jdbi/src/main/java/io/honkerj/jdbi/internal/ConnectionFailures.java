package io.honkerj.jdbi.internal;

import io.honkerj.api.DatabaseFailedException;
import java.sql.SQLException;

/**
 * Failures a server database reports through the standard SQLState (PostgreSQL's, read from any JDBC
 * {@link SQLException} in the cause chain, no driver class needed): a transaction the server aborted to
 * resolve a conflict, which can run again as it is, and a connection that is gone.
 *
 * <ul>
 *   <li>{@code 40001} serialization failure and {@code 40P01} deadlock detected: the server rolled the
 *       transaction back; {@link BusyRetry} runs it again whole, as it does for SQLite's SQLITE_BUSY.</li>
 *   <li>class {@code 08} (connection exception: {@code 08006} failure, {@code 08003} no connection...) and
 *       {@code 57P01}/{@code 57P02}/{@code 57P03} (the server terminated the session: {@code pg_terminate_backend},
 *       a shutdown or restart): the connection is gone and the server rolled back the transaction that was
 *       open on it. Honker's own transactions run once more on a new connection when the commit had not been
 *       sent ({@link OwnedDatabase}); inside the caller's transaction honker never retries.</li>
 * </ul>
 */
final class ConnectionFailures {
    private ConnectionFailures() {}

    /** @return the first SQLState found in the cause chain of {@code e}, or null */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * Whether the server aborted the transaction to resolve a conflict with another one (serialization
     * failure {@code 40001}, deadlock {@code 40P01}): nothing of it was written, and running it again is safe.
     *
     * @param e a failure
     * @return true for 40001 and 40P01
     */
    static boolean isConflict(Throwable e) {
        String state = sqlState(e);
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * Whether the connection the failure happened on is gone: SQLState class {@code 08}, or the server ended
     * the session ({@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now).
     *
     * @param e a failure
     * @return true if the connection was lost
     */
    static boolean isConnectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The failure to throw when the connection was lost inside the caller's transaction: never retried.
     *
     * @param e the failure
     * @param where a description of the database
     * @return a {@link DatabaseFailedException} whose code is the SQLState
     */
    static DatabaseFailedException lostInCallersTransaction(Throwable e, String where) {
        return new DatabaseFailedException(lostState(e), where, "the connection was lost inside your transaction ("
                + message(e) + "). The server rolls back the transaction that was open on it, so nothing of it is "
                + "written; honker never retries inside your transaction: run your whole transaction again on a "
                + "new handle", e);
    }

    /**
     * The failure to throw when the connection of a caller's handle in autocommit mode was lost before a
     * commit was sent: honker cannot take another connection for the caller's handle.
     *
     * @param e the failure
     * @param where a description of the database
     * @return a {@link DatabaseFailedException} whose code is the SQLState
     */
    static DatabaseFailedException lostOnCallersHandle(Throwable e, String where) {
        return new DatabaseFailedException(lostState(e), where, "the connection of your handle was lost ("
                + message(e) + "). Nothing of the operation is written; run it again on a new handle", e);
    }

    /**
     * The failure to throw when honker's own operation lost its connection, and again on a new one.
     *
     * @param e the second failure
     * @param where a description of the database
     * @return a {@link DatabaseFailedException} whose code is the SQLState
     */
    static DatabaseFailedException lostTwice(Throwable e, String where) {
        return new DatabaseFailedException(lostState(e), where, "the connection was lost (" + message(e)
                + "), and again on a new connection. Nothing of the transaction is written; check that the "
                + "database server is up and reachable: the next operation tries again", e);
    }

    private static String lostState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
                return s.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String state = sqlState(e);
        return state == null ? "08006" : state;
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return String.valueOf(s.getMessage());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.valueOf(e.getMessage());
    }
}
