package io.honkerj.api;

/**
 * The database cannot be used as it is: its directory does not exist, the file is not an SQLite database,
 * it is read-only, or it is a memory database each connection sees apart. The message names the file and
 * the fix.
 */
public final class DatabaseOpenException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The database file, or a description of the database. */
    private final String file;

    /**
     * Creates the exception.
     *
     * @param file the database file, or a description of the database if it has no file
     * @param problem what is wrong, e.g. "it is not an SQLite database (SQLITE_NOTADB)"
     * @param fix what to do about it
     * @param cause the underlying failure, or null
     */
    public DatabaseOpenException(String file, String problem, String fix, Throwable cause) {
        super("Cannot use the database " + file + ": " + problem + ". " + fix + " (file: " + file + ")", cause);
        this.file = file;
    }

    /** @return the database file, or a description of the database */
    public String file() {
        return file;
    }
}
