package io.honkerj.jdbi;

import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database that the child JVMs of a multi-process test share, on either engine: a SQLite file, or a
 * fresh schema of the test class's PostgreSQL database. A child gets {@link #location()} as an argument (the
 * file's path, or a JDBC URL with user and schema) and opens its honker with {@link #open(String)}, so one
 * child main serves both engines.
 *
 * <p>On PostgreSQL the honker is {@code Honkers.open(DataSource)} on a pgjdbc DataSource of the URL, as an
 * app host opens it (up to {@code Honkers.DEFAULT_MAX_CONNECTIONS} connections, as for a file); the tables
 * the tests create land in the same schema as honker's (pgjdbc's {@code currentSchema} is the search_path).
 */
public final class SharedDatabase {
    private static final String POSTGRES_URL = "jdbc:postgresql:";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final String location;

    private SharedDatabase(String location) {
        this.location = location;
    }

    /** A SQLite database file (created by the first honker that opens it). */
    public static SharedDatabase sqlite(Path file) {
        return new SharedDatabase(file.toAbsolutePath().toString());
    }

    /** A new, empty schema of the test class's PostgreSQL database. */
    public static SharedDatabase postgres(EmbeddedPostgresExtension pg) {
        String schema = "mp" + SCHEMAS.incrementAndGet();
        pg.jdbi().useHandle(h -> h.execute("CREATE SCHEMA " + schema));
        return new SharedDatabase(pg.jdbcUrl() + "&currentSchema=" + schema);
    }

    /** What a child JVM is given to open this database: a file path or a PostgreSQL JDBC URL. */
    public String location() {
        return location;
    }

    /** True on PostgreSQL. */
    public boolean isPostgres() {
        return isPostgres(location);
    }

    /** The engine's name for printed figures: {@code sqlite} or {@code postgresql}. */
    public String engine() {
        return isPostgres() ? "postgresql" : "sqlite";
    }

    /** Opens a honker on this database (creating the schema if missing). */
    public JdbiHonker open() {
        return open(location);
    }

    /**
     * Opens a honker on a {@link #location()}, as a child JVM does: {@code Honkers.open(file)} for a path,
     * {@code Honkers.open(dataSource)} on a DataSource of the URL for PostgreSQL.
     *
     * @param location a file path or a {@code jdbc:postgresql:} URL
     * @return the honker, which the caller closes
     */
    public static JdbiHonker open(String location) {
        Objects.requireNonNull(location, "location");
        if (isPostgres(location)) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(location); // user and currentSchema are the URL's parameters
            return Honkers.open(dataSource);
        }
        return Honkers.open(Path.of(location));
    }

    /** True if a {@link #location()} is a PostgreSQL URL. */
    public static boolean isPostgres(String location) {
        return location.startsWith(POSTGRES_URL);
    }

    @Override
    public String toString() {
        return location;
    }
}
