package io.honkerj.jdbi;

import io.honkerj.api.DatabaseOpenException;
import io.honkerj.api.HonkerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * Turns SQLite's failures to open or write a database (which name neither the file nor the fix) into
 * {@link DatabaseOpenException}s that do, and checks a file before the library opens it.
 */
final class OpenErrors {
    static final int SQLITE_READONLY = 8;
    static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_NOTADB = 26;

    private OpenErrors() {}

    /**
     * Refuses a file the library could only fail on later: one in a missing directory, a directory, or a file
     * this process cannot write.
     *
     * @param file an absolute path
     */
    static void checkBeforeOpen(Path file) {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DatabaseOpenException(file.toString(), "its directory " + dir + " does not exist",
                    "Create the directory first (Files.createDirectories) or correct the path", null);
        }
        if (Files.isDirectory(file)) {
            throw new DatabaseOpenException(file.toString(), "it is a directory", "Give the path of a file", null);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw readOnly(file.toString(), null);
        }
    }

    /**
     * Returns {@code e} as an exception naming the database and the fix if SQLite failed to open, read or
     * write it as a file (SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY), else {@code e} itself.
     *
     * @param e a failure of an operation on the database
     * @param database the file, or a description of the database
     * @return the exception to throw
     */
    static RuntimeException translate(RuntimeException e, String database) {
        if (e instanceof HonkerException) {
            return e;
        }
        return switch (primaryCode(e)) {
            case SQLITE_NOTADB -> new DatabaseOpenException(database,
                    "it is not an SQLite database (SQLITE_NOTADB)",
                    "Point honker at its database file, or move this file aside and let honker create a new one", e);
            case SQLITE_CANTOPEN -> new DatabaseOpenException(database,
                    "SQLite cannot open it (SQLITE_CANTOPEN)",
                    "Check that its directory exists and that this process may read and write the file and its "
                            + "directory (SQLite creates the -wal and -shm files beside it)", e);
            case SQLITE_READONLY -> readOnly(database, e);
            default -> e;
        };
    }

    private static DatabaseOpenException readOnly(String database, Throwable cause) {
        return new DatabaseOpenException(database, "it is read-only (SQLITE_READONLY)",
                "Honker writes on every operation, claims and reads included: make the file, its -wal and -shm "
                        + "files and its directory writable by this process, or open a writable copy", cause);
    }

    /** @return SQLite's primary result code in the cause chain of {@code e}, or -1 if there is none */
    static int primaryCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s.getResultCode().code & 0xff;
            }
            if (t instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode() & 0xff;
            }
        }
        return -1;
    }
}
