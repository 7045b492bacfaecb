package io.honkerj.jdbi.schema;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Creates the honker schema and runs upstream's migrations, idempotently: safe to run from several
 * processes at once and on files made by any honker binding.
 */
public final class Schema {
    private Schema() {}

    /**
     * Creates what is missing, in the handle's current transaction (the caller decides which).
     *
     * @param handle a handle, preferably inside a write transaction
     */
    public static void bootstrap(Handle handle) {
        SchemaDao dao = handle.attach(SchemaDao.class);
        dao.bootstrap();
        List<String> columns = dao.schedulerColumns();
        if (!columns.contains("enabled")) {
            addColumnIgnoringRace(dao::addSchedulerEnabled);
        }
        if (!columns.contains("max_attempts")) {
            addColumnIgnoringRace(dao::addSchedulerMaxAttempts);
        }
    }

    /**
     * Bootstraps only if something is missing: one catalogue query when the schema is complete.
     *
     * @param handle a handle, preferably inside a write transaction
     */
    public static void ensure(Handle handle) {
        if (handle.attach(SchemaDao.class).missingTables() > 0) {
            bootstrap(handle);
        }
    }

    /**
     * Finds the file of the handle's main database.
     *
     * @param handle any handle
     * @return the file, or empty for a memory database
     */
    public static Optional<Path> mainFile(Handle handle) {
        String file = handle.attach(SchemaDao.class).mainFile();
        return file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }

    private static void addColumnIgnoringRace(Runnable alter) {
        try {
            alter.run();
        } catch (UnableToExecuteStatementException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (!message.contains("duplicate column")) {
                throw e;
            }
            // Another process added the column between our check and our ALTER: that is the goal.
        }
    }
}
