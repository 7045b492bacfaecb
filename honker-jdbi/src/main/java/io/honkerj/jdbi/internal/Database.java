package io.honkerj.jdbi.internal;

import io.honkerj.api.PayloadCodec;
import io.honkerj.jdbi.watch.ChangeWaiter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the primitives of one honker run their SQL: in a write transaction ({@code BEGIN IMMEDIATE}, busy
 * retries) or a plain read, on handles the library owns or on the caller's handle.
 */
public interface Database extends AutoCloseable {

    /**
     * Runs work in a write transaction: a new {@code BEGIN IMMEDIATE} transaction committed at the end and
     * retried whole while the database is busy, or the caller's open transaction (joined, never committed).
     *
     * @param work the statements; must have no effect outside the database, since it may run again
     * @param <R> its result
     * @return the result
     */
    <R> R write(Function<Session, R> work);

    /**
     * Runs read-only work without opening a write transaction.
     *
     * @param work the statements
     * @param <R> its result
     * @return the result
     */
    <R> R read(Function<Session, R> work);

    /** @return clock, codec and busy deadline */
    HonkerSettings settings();

    /** @return the clock that decides "now" for every statement */
    default Clock clock() {
        return settings().clock();
    }

    /** @return the payload codec */
    default PayloadCodec codec() {
        return settings().codec();
    }

    /** @return the database file, if it is a file (empty for memory databases) */
    Optional<Path> file();

    /**
     * What identifies this database among this JVM's honkers, so a notification committed here can be
     * handed to this JVM's listeners of the same database without a read: its file on SQLite, a
     * {@link Shared} (the Jdbi and the schema) where the engine delivers wake-ups itself (PostgreSQL), empty
     * for a memory database.
     *
     * @return the identity, compared with {@code equals}
     */
    default Optional<Object> identity() {
        return file().map(Object.class::cast);
    }

    /**
     * Names the database in messages.
     *
     * @return the file, "in memory", or e.g. "PostgreSQL database app (schema jobs)"
     */
    default String describe() {
        return file().map(Path::toString).orElse("in memory");
    }

    /**
     * Returns a waiter for changes to this database (see {@link ChangeWaiter}).
     *
     * @return a new waiter; close it when done
     */
    ChangeWaiter newWaiter();

    /** @return now in unix seconds, as upstream's {@code unixepoch()} */
    default long nowSeconds() {
        return clock().instant().getEpochSecond();
    }

    /**
     * A database on a server, as this JVM's honkers on it know each other: the Jdbi they run on (compared by
     * identity) and honker's schema in it.
     *
     * @param jdbi the Jdbi
     * @param schema the schema configured ({@code HonkerConfig.setSchema}), or null for the connection's
     */
    record Shared(org.jdbi.v3.core.Jdbi jdbi, String schema) {}

    /** Releases what this database owns. */
    @Override
    void close();
}
