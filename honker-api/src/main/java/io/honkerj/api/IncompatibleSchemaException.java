package io.honkerj.api;

/**
 * The database already has a table with one of honker's names ({@code _honker_*}) but not the shape honker
 * (and upstream's bindings, which share the file) expect. Found before anything is created: the database is
 * left as it was.
 */
public final class IncompatibleSchemaException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /** The table of another shape. */
    private final String table;
    /** The column that is missing or different. */
    private final String column;

    /**
     * Creates the exception.
     *
     * @param file the database file, or null if unknown
     * @param table the table
     * @param column the column it lacks
     */
    public IncompatibleSchemaException(String file, String table, String column) {
        super("Table " + table + (file == null ? "" : " in " + file) + " is not honker's: it has no column '"
                + column + "'. Names starting with _honker_ belong to honker's schema (shared with upstream "
                + "honker's Rust, Python and Node bindings): rename or drop your table, or use another database "
                + "file. Nothing was created (table: " + table + ", column: " + column + ", file: " + file + ")");
        this.table = table;
        this.column = column;
    }

    /** @return the table */
    public String table() {
        return table;
    }

    /** @return the missing column */
    public String column() {
        return column;
    }
}
