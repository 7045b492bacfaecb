package io.honkerj.jdbi.schema;

import io.honkerj.api.IncompatibleSchemaException;
import io.honkerj.jdbi.engine.EngineConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.honkerj.jdbi.internal.Session;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
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
        bootstrap(handle, null);
    }

    /**
     * Creates what is missing, as {@link #bootstrap(Handle)}, in a named schema: on PostgreSQL the schema is
     * created first if missing, and the handle's search path must already have it first (see
     * {@link #enterSchema}). Bootstraps are serialized first ({@code lockBootstrap.sql}: on PostgreSQL a
     * transaction-scoped advisory lock, so several processes and threads can bootstrap at once).
     *
     * @param handle a handle inside a write transaction
     * @param schema the schema's name, or null for the connection's current schema
     */
    public static void bootstrap(Handle handle, String schema) {
        SchemaDao dao = handle.attach(SchemaDao.class);
        dao.lockBootstrap();
        if (schema != null) {
            dao.createSchema('"' + schema + '"'); // a quoted identifier: the name keeps its case
        }
        requireCompatible(handle, dao);
        dao.bootstrap();
        if (!handle.getConfig(EngineConfig.class).engine().javaSqlFunctions()) {
            dao.sqlFunctions(); // notify() as a database function (PostgreSQL)
        }
        List<String> columns = dao.schedulerColumns();
        if (!columns.contains("enabled")) {
            addColumnIgnoringRace(dao::addSchedulerEnabled);
        }
        if (!columns.contains("max_attempts")) {
            addColumnIgnoringRace(dao::addSchedulerMaxAttempts);
        }
    }

    /**
     * Fails, before anything is created, if a table named like one of honker's exists without a column
     * honker's has (the scheduler's two migrated columns excepted: bootstrap adds them).
     */
    private static void requireCompatible(Handle handle, SchemaDao dao) {
        Map<String, Set<String>> existing = new LinkedHashMap<>();
        for (String tableDotColumn : dao.honkerColumns()) {
            int dot = tableDotColumn.indexOf('.');
            existing.computeIfAbsent(tableDotColumn.substring(0, dot), t -> new HashSet<>())
                    .add(tableDotColumn.substring(dot + 1));
        }
        for (Map.Entry<String, Set<String>> table : existing.entrySet()) {
            for (String column : Expected.COLUMNS.getOrDefault(table.getKey(), List.of())) {
                boolean migrated = table.getKey().equals("_honker_scheduler_tasks")
                        && (column.equals("enabled") || column.equals("max_attempts"));
                if (!migrated && !table.getValue().contains(column)) {
                    throw new IncompatibleSchemaException(mainFile(handle).map(Path::toString).orElse(null),
                            table.getKey(), column);
                }
            }
        }
    }

    /** The columns of honker's tables, read once from a memory database bootstrapped by the same script. */
    private static final class Expected {
        static final Map<String, List<String>> COLUMNS = read();

        private static Map<String, List<String>> read() {
            Jdbi memory = Jdbi.create("jdbc:sqlite::memory:").installPlugin(new SqlObjectPlugin());
            return memory.withHandle(h -> {
                SchemaDao dao = h.attach(SchemaDao.class);
                dao.bootstrap();
                Map<String, List<String>> columns = new LinkedHashMap<>();
                for (String tableDotColumn : dao.honkerColumns()) {
                    int dot = tableDotColumn.indexOf('.');
                    columns.computeIfAbsent(tableDotColumn.substring(0, dot), t -> new ArrayList<>())
                            .add(tableDotColumn.substring(dot + 1));
                }
                return Map.copyOf(columns);
            });
        }
    }

    /**
     * Bootstraps only if something is missing: one catalogue query when the schema is complete.
     *
     * @param handle a handle, preferably inside a write transaction
     */
    public static void ensure(Handle handle) {
        ensure(handle, null);
    }

    /**
     * Bootstraps in a named schema only if something is missing (see {@link #bootstrap(Handle, String)}).
     *
     * @param handle a handle, preferably inside a write transaction
     * @param schema the schema's name, or null for the connection's current schema
     * @return whether bootstrap ran (something was missing)
     */
    public static boolean ensure(Handle handle, String schema) {
        SchemaDao dao = handle.attach(SchemaDao.class);
        // with the schema first on the search path, the current schema is another one only while it is missing
        if (dao.missingTables() > 0 || (schema != null && dao.searchPathFor(schema) != null)) {
            bootstrap(handle, schema);
            return true;
        }
        return false;
    }

    /**
     * Puts honker's schema first on the handle's connection's search path (PostgreSQL), unless its current
     * schema already is that one: {@code searchPathFor.sql}, then {@code putSchemaFirst.sql}.
     *
     * @param session a session on PostgreSQL (its DAO is attached once)
     * @param schema honker's schema
     * @return the search path to put back with {@link #leaveSchema}, or null if nothing was changed
     */
    public static String enterSchema(Session session, String schema) {
        SchemaDao dao = session.dao(SchemaDao.class);
        String previous = dao.searchPathFor(schema);
        if (previous != null) {
            dao.putSchemaFirst(schema);
        }
        return previous;
    }

    /**
     * Puts back the search path {@link #enterSchema} changed: {@code setSearchPath.sql}.
     *
     * @param session the session {@link #enterSchema} ran on
     * @param previous its answer; null does nothing
     */
    public static void leaveSchema(Session session, String previous) {
        if (previous != null) {
            session.dao(SchemaDao.class).setSearchPath(previous);
        }
    }

    /**
     * Says whether the handle's database has every honker table and migrated column.
     *
     * @param handle any handle
     * @return true if bootstrap would have nothing to do
     */
    public static boolean isComplete(Handle handle) {
        return handle.attach(SchemaDao.class).missingTables() == 0;
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
