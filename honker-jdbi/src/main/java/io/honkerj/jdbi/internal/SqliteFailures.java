package io.honkerj.jdbi.internal;

import io.honkerj.api.DatabaseFailedException;
import io.honkerj.api.HonkerException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Failures of the database itself (disk full, I/O error, damaged file, interrupted call), told apart from
 * failures of a statement, and turned into a {@link DatabaseFailedException} whose message starts with
 * SQLite's code and names the file: sqlite-jdbc's own message names neither the file nor the fix, and Jdbi
 * wraps it under "commit failed" or the statement text.
 */
final class SqliteFailures {
    private SqliteFailures() {}

    /** @return SQLite's primary result code found in the cause chain, or -1 */
    static int primaryCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() != null) {
                return s.getResultCode().code & 0xff;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return -1;
    }

    /**
     * Returns the failure to throw for {@code e}: a {@link DatabaseFailedException} naming the code and the
     * file for a full disk, an I/O error, a damaged file or an interrupted call; {@code e} itself otherwise
     * (a statement's own error, or one of honker's exceptions).
     *
     * @param e what an operation threw
     * @param file the database file, or null if unknown
     * @return the exception to throw
     */
    static RuntimeException translate(RuntimeException e, Path file) {
        if (e instanceof HonkerException) {
            return e;
        }
        int code = primaryCode(e);
        String where = file == null ? "the database" : file.toString();
        String detail = sqliteMessage(e);
        if (code == SQLiteErrorCode.SQLITE_FULL.code) {
            return new DatabaseFailedException("SQLITE_FULL", where, "the database or disk is full (" + detail
                    + "). Free disk space, or raise PRAGMA max_page_count if it is set; nothing of the transaction"
                    + " that hit it is written", e);
        }
        if (code == SQLiteErrorCode.SQLITE_IOERR.code) {
            return new DatabaseFailedException("SQLITE_IOERR", where, "disk I/O error (" + detail
                    + "). Check the disk and file system; nothing of the transaction that hit it is written", e);
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new DatabaseFailedException("SQLITE_CORRUPT", where, "the database file is damaged (" + detail
                    + "). Restore it from a backup (see PRAGMA integrity_check)", e);
        }
        if (code == SQLiteErrorCode.SQLITE_INTERRUPT.code) {
            return new DatabaseFailedException("SQLITE_INTERRUPT", where, "the call was interrupted (" + detail
                    + "); nothing of the transaction it was in is written", e);
        }
        if (code == SQLiteErrorCode.SQLITE_NOMEM.code) {
            return new DatabaseFailedException("SQLITE_NOMEM", where, "SQLite ran out of memory (" + detail
                    + "); nothing of the transaction it was in is written", e);
        }
        return e;
    }

    private static String sqliteMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String m = String.valueOf(s.getMessage());
                int statement = m.indexOf(" [statement:");
                return statement > 0 ? m.substring(0, statement) : m;
            }
        }
        return String.valueOf(e.getMessage());
    }
}
