package io.honkerj.jdbi.move;

import io.honkerj.api.HonkerException;

/**
 * A {@link HonkerCopy} did not happen: the source is missing or not a honker database, the target cannot be
 * reached, is not PostgreSQL or already holds honker rows, or a row was refused by the target. The message
 * says which and what to do, and ends with "(source: ..., target: ...)". Nothing was written to the target
 * (the copy writes in one transaction, rolled back on any failure) and nothing was ever written to the
 * source.
 */
public final class CopyFailedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The source database, as the message names it. */
    private final String source;
    /** The target database, as the message names it. */
    private final String target;

    CopyFailedException(String problem, String source, String target, Throwable cause) {
        super(problem + " (source: " + source + ", target: " + target + ")", cause);
        this.source = source;
        this.target = target;
    }

    /** @return the source database: its file, or a description */
    public String source() {
        return source;
    }

    /** @return the target database: its JDBC URL and schema, or a description if it could not be reached */
    public String target() {
        return target;
    }
}
