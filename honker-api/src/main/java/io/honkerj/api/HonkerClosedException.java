package io.honkerj.api;

/**
 * An operation was called on a honker (or a queue, stream, listener, lock, scheduler or worker pool builder
 * taken from it) after the honker was closed. Open a new honker to go on.
 */
public final class HonkerClosedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The database file, or null for a memory database. */
    private final String file;

    /**
     * Creates the exception.
     *
     * @param file the database file, or null for a memory database
     */
    public HonkerClosedException(String file) {
        super("The honker on " + (file == null ? "a memory database" : file) + " is closed: open a new one "
                + "(Honkers.open, JdbiHonker.create or JdbiHonker.attach) to go on (file: " + file + ")");
        this.file = file;
    }

    /** @return the database file, or null for a memory database */
    public String file() {
        return file;
    }
}
