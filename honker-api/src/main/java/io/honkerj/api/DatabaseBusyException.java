package io.honkerj.api;

/**
 * The database stayed locked by other writers for longer than the library's busy deadline.
 *
 * <p>Under normal contention this never happens: writers wait in SQLite's busy handler and the library
 * retries whole transactions. Seeing it means some connection held a write transaction for the whole
 * deadline. On PostgreSQL: the server kept aborting the transaction (deadlock {@code 40P01}, serialization
 * failure {@code 40001}) for the whole deadline.
 */
public final class DatabaseBusyException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was being done and for how long it waited
     * @param cause the last SQLITE_BUSY failure
     */
    public DatabaseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
