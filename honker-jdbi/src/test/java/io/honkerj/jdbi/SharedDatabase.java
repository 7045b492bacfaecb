package io.honkerj.jdbi;

import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The database that the child JVMs of a multi-process test share, on either engine: a SQLite file, or a
 * fresh schema of the test class's PostgreSQL database. A child gets {@link #location()} as an argument (the
 * file's path, or a JDBC URL with user and schema) and opens its honker with {@link #open(String)}, so one
 * child main serves both engines.
 *
 * <p>On PostgreSQL the honker is {@code JdbiHonker.create} on a Jdbi of the URL, keeping
 * {@value #POSTGRES_CONNECTIONS} connections as {@code Honkers.open} does for a file; business tables the
 * tests create land in the same schema (pgjdbc's {@code currentSchema} is the search_path).
 */
public final class SharedDatabase {
    /** Connections a PostgreSQL honker of a child keeps: {@code Honkers.DEFAULT_MAX_CONNECTIONS}, as on a file. */
    public static final int POSTGRES_CONNECTIONS = Honkers.DEFAULT_MAX_CONNECTIONS;

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
     * {@code JdbiHonker.create(jdbi)} on a Jdbi of the URL for PostgreSQL.
     *
     * @param location a file path or a {@code jdbc:postgresql:} URL
     * @return the honker, which the caller closes
     */
    public static JdbiHonker open(String location) {
        Objects.requireNonNull(location, "location");
        if (isPostgres(location)) {
            return JdbiHonker.create(Jdbi.create(location), POSTGRES_CONNECTIONS);
        }
        return Honkers.open(Path.of(location));
    }

    private static boolean isPostgres(String location) {
        return location.startsWith(POSTGRES_URL);
    }

    @Override
    public String toString() {
        return location;
    }
}
