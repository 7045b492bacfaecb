package io.honkerj.jdbi.internal;

import java.nio.file.Path;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * A database reached through a caller's {@link Jdbi}: each operation opens a handle from it (and so a
 * connection from whatever pool the caller configured) and closes it after.
 */
public final class JdbiDatabase extends OwnedDatabase {
    private final Jdbi jdbi;

    /**
     * Wraps a caller's Jdbi.
     *
     * @param jdbi a Jdbi with the honker plugin installed
     * @param settings clock, codec, busy deadline
     * @param file the database file, if known
     */
    public JdbiDatabase(Jdbi jdbi, HonkerSettings settings, Path file) {
        super(settings, file);
        this.jdbi = jdbi;
    }

    @Override
    <R> R withSession(Function<Session, R> work) {
        return jdbi.withHandle(h -> work.apply(new HandleSession(h)));
    }

    @Override
    public void close() {
        // The caller owns the Jdbi and its connections; only the watcher reference is ours.
        releaseWatcher();
    }
}
