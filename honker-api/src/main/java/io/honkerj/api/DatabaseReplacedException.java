package io.honkerj.api;

/**
 * The database file being watched was deleted or replaced by another file at the same path, so waiting
 * for changes to it can no longer work: open the new file to go on.
 */
public final class DatabaseReplacedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param file the database file
     * @param what "deleted" or "replaced"
     */
    public DatabaseReplacedException(String file, String what) {
        super("Database file " + what + " while being watched (file: " + file + ")");
    }
}
