package io.honkerj.api;

/**
 * The connection to the database was lost while a transaction honker opened was being committed, so whether
 * it was written is unknown: the server may have committed it just before the connection went, or not.
 * Honker does not run such a transaction again (that could do it twice). Look at the database to find out
 * (e.g. whether the job you enqueued is there) before you retry; the next operation uses a new connection.
 */
public final class CommitOutcomeUnknownException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** @serial a description of the database */
    private final String database;

    /**
     * Creates the exception.
     *
     * @param database a description of the database
     * @param cause the failure of the commit
     */
    public CommitOutcomeUnknownException(String database, Throwable cause) {
        super("The connection to " + database + " was lost during the commit of a transaction, so it is unknown "
                + "whether the transaction was written; honker did not run it again. Check the database before "
                + "retrying (database: " + database + ")", cause);
        this.database = database;
    }

    /** @return a description of the database */
    public String database() {
        return database;
    }
}
