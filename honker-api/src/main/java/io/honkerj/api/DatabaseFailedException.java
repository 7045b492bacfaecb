package io.honkerj.api;

/**
 * The database failed an operation for a reason outside the statement itself. On SQLite: the disk (or the
 * database's {@code max_page_count}) is full, an I/O error, a damaged file, an interrupted call; the message
 * starts with SQLite's code (e.g. {@code SQLITE_FULL}). On PostgreSQL: the connection was lost where honker
 * does not retry (inside your transaction, on your handle, or again on a new connection); the code is the
 * SQLState (e.g. {@code 57P01}, {@code 08006}). The message names the database and what to do; the
 * transaction that hit it was rolled back, so nothing of it was written, and the next call works once the
 * cause is gone.
 */
public final class DatabaseFailedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** @serial the database file, or a description of the database */
    private final String file;
    /** @serial SQLite's result code name, e.g. SQLITE_FULL */
    private final String code;

    /**
     * Creates the exception.
     *
     * @param code SQLite's result code name, e.g. {@code SQLITE_FULL}, or PostgreSQL's SQLState
     * @param file the database file, or a description of the database
     * @param what what failed and what to do, e.g. "the disk is full: free space"
     * @param cause SQLite's failure
     */
    public DatabaseFailedException(String code, String file, String what, Throwable cause) {
        super(code + " on " + file + ": " + what + " (file: " + file + ")", cause);
        this.code = code;
        this.file = file;
    }

    /** @return SQLite's result code name, e.g. {@code SQLITE_FULL}, or PostgreSQL's SQLState, e.g. {@code 57P01} */
    public String code() {
        return code;
    }

    /** @return the database file, or a description of the database */
    public String file() {
        return file;
    }
}
