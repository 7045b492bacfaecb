package io.honkerj.api;

/**
 * The database file a honker has open was deleted, or replaced by another file at the same path (a backup
 * restored with {@code mv}, say), while the honker was open. Its connections still point at the old file, so
 * from then on every operation of that honker (and of every honker in this JVM on that file) fails with this
 * exception instead of writing into a file nobody will read again, or replaying its old {@code -wal} over the
 * new file. Close the honker and open a new one on the file; to restore a backup safely, stop every process
 * on the file first (see the README, "Restoring a backup").
 */
public final class DatabaseReplacedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The database file. */
    private final String file;
    /** What happened to it: deleted or replaced. */
    private final String what;

    /**
     * Creates the exception.
     *
     * @param file the database file
     * @param what "deleted" or "replaced"
     */
    public DatabaseReplacedException(String file, String what) {
        super("Database file " + file + " was " + what + " while this honker had it open: its connections "
                + "still point at the old file, so nothing more is read from or written to it. Close the honker "
                + "and open a new one on " + file + " (to restore a backup, stop every process using the file "
                + "first, or copy with SQLite's backup API or VACUUM INTO) (file: " + file + ")");
        this.file = file;
        this.what = what;
    }

    /** @return the database file */
    public String file() {
        return file;
    }

    /** @return "deleted" or "replaced" */
    public String what() {
        return what;
    }
}
