package io.honkerj.jdbi;

import io.honkerj.jdbi.testing.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import io.honkerj.jdbi.postgres.EmbeddedPostgresExtension;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh honker on a temp-file database for each test, with a {@link SettableClock} the test moves.
 * Use as an instance field: {@code @RegisterExtension final HonkerExtension db = new HonkerExtension(T0);}.
 * {@link #postgres} gives the same on the test class's PostgreSQL database instead, in a fresh schema for
 * each test, through {@code JdbiHonker.create(jdbi)}.
 */
public final class HonkerExtension implements BeforeEachCallback, AfterEachCallback {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final long startEpochSecond;
    private final EmbeddedPostgresExtension postgres;
    private Path dir;
    private SettableClock clock;
    private JdbiHonker honker;

    public HonkerExtension(long startEpochSecond) {
        this(startEpochSecond, null);
    }

    private HonkerExtension(long startEpochSecond, EmbeddedPostgresExtension postgres) {
        this.startEpochSecond = startEpochSecond;
        this.postgres = postgres;
    }

    /** A fresh honker for each test in a new schema of the class's PostgreSQL database. */
    public static HonkerExtension postgres(long startEpochSecond, EmbeddedPostgresExtension postgres) {
        return new HonkerExtension(startEpochSecond, postgres);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        clock = SettableClock.at(java.time.Instant.ofEpochSecond(startEpochSecond));
        if (postgres != null) {
            String schema = "t" + SCHEMAS.incrementAndGet();
            Jdbi admin = postgres.jdbi();
            admin.useHandle(h -> h.execute("CREATE SCHEMA " + schema));
            PGSimpleDataSource ds = (PGSimpleDataSource) postgres.dataSource();
            ds.setCurrentSchema(schema);
            Jdbi jdbi = Jdbi.create(ds);
            jdbi.getConfig(HonkerConfig.class).setClock(clock);
            honker = JdbiHonker.create(jdbi);
            return;
        }
        dir = Files.createTempDirectory("honker-test");
        honker = Honkers.builder(dir.resolve("test.db")).clock(clock).open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        honker.close();
        if (dir == null) {
            return;
        }
        // the change watcher's thread closes its connection just after close() returns, and SQLite then
        // deletes the -wal and -shm files: a walk may list one that is gone a moment later, so walk again
        for (int attempt = 1; ; attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                return;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    public JdbiHonker honker() {
        return honker;
    }

    /** Runs a one-row, one-column query on the test database. */
    public <T> T one(String sql, Class<T> type) {
        return honker.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    public SettableClock clock() {
        return clock;
    }

    /**
     * A database for child JVMs to share, on this extension's engine: a SQLite file {@code name.db} in
     * {@code dir}, or a fresh schema of the test class's PostgreSQL database.
     */
    public SharedDatabase shared(Path dir, String name) {
        return postgres != null ? SharedDatabase.postgres(postgres) : SharedDatabase.sqlite(dir.resolve(name + ".db"));
    }
}
