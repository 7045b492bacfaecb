package io.honkerj.jdbi.move;

import io.honkerj.jdbi.HonkerConfig;
import io.honkerj.jdbi.HonkerPlugin;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Copies a SQLite file's honker into a PostgreSQL schema, for an app moving to PostgreSQL: run it once, with
 * the app stopped, then open the honker on PostgreSQL ({@code JdbiHonker.create(jdbi)}) and carry on.
 *
 * <pre>{@code
 * Copied copied = HonkerCopy.copy(Path.of("app.db"), postgresJdbi);
 * JdbiHonker honker = JdbiHonker.create(postgresJdbi); // the same jobs, schedules and streams
 * }</pre>
 *
 * <p>What is copied, byte for byte, with the same ids:
 * <ul>
 *   <li>every live job (queue, payload, priority, {@code run_at}, attempts, {@code max_attempts},
 *       {@code created_at}, {@code expires_at}): pending and delayed ones as they are; <b>claimed ones go back
 *       to pending</b>, their attempts kept (the claim counted), since their workers belong to the old
 *       deployment and their leases mean nothing on the target;</li>
 *   <li>dead letters; scheduled tasks with their next fire and pause flag; stream events <b>with their
 *       offsets</b> and the consumers' saved offsets, which therefore keep pointing at the same events; job
 *       results (by the same job ids); rate-limit windows with their counts; honker-jdbi's unique keys and
 *       paused queues;</li>
 *   <li>the id sequences: the target's next job id and stream offset come after the highest the file ever
 *       handed out (acked jobs included), so no new job takes an old dead letter's or result's id.</li>
 * </ul>
 * What is not: locks (leases held by processes of the old deployment: they would block the new one until
 * they lapse; the scheduler's leader lock among them), notifications (ephemeral: only listeners alive when
 * they were sent get them), and anything that is not honker's.
 *
 * <p>The source is only read, in one read transaction (a consistent moment of the file, even if something
 * still writes to it); {@link #copy(Path, Jdbi)} opens the file read-only. The target is written in one
 * transaction: it creates honker's tables if missing, refuses a schema that already holds honker rows (so
 * ids and offsets keep their meaning, and a copy run twice cannot duplicate anything), and commits all rows
 * or none. Every failure is a {@link CopyFailedException} naming the source, the target and the fix.
 */
public final class HonkerCopy {
    /** Rows sent to the target per batch. */
    static final int BATCH = 500;

    /** Upstream's tables a source must have; honker-jdbi's own two may be missing (upstream wrote the file). */
    private static final List<String> REQUIRED = List.of("_honker_live", "_honker_dead", "_honker_scheduler_tasks",
            "_honker_stream", "_honker_stream_consumers", "_honker_results", "_honker_rate_limits");

    private static final String NOT_CONNECTED = "not connected";

    private HonkerCopy() {}

    /**
     * Copies the honker of a SQLite file into the current schema of a PostgreSQL database, opening the file
     * read-only.
     *
     * @param file the SQLite file, e.g. {@code Path.of("app.db")}; stop the processes that use it first, or
     *     jobs they claim after the copy would run on both sides
     * @param to a Jdbi on the PostgreSQL database (its {@code HonkerConfig} schema receives the rows, else its
     *     connections' current schema);
     *     {@code HonkerPlugin} is installed on it, as {@code JdbiHonker.create} does
     * @return what was copied
     * @throws CopyFailedException if nothing could be copied; the target is then unchanged
     */
    public static Copied copy(Path file, Jdbi to) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(to, "to");
        String source = file.toAbsolutePath().toString();
        if (!Files.isRegularFile(file)) {
            throw new CopyFailedException("There is no SQLite file at " + source + " to copy from: check the path",
                    source, NOT_CONNECTED, null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return new Run(Jdbi.create(dataSource), source, to).copy();
    }

    /**
     * Copies the honker of the SQLite database a Jdbi opens into the current schema of a PostgreSQL
     * database, as {@link #copy(Path, Jdbi)}. The source is only read (in one transaction of {@code from}'s
     * transaction handler).
     *
     * @param from a Jdbi on the SQLite database
     * @param to a Jdbi on the PostgreSQL database
     * @return what was copied
     * @throws CopyFailedException if nothing could be copied; the target is then unchanged
     */
    public static Copied copy(Jdbi from, Jdbi to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return new Run(from, null, to).copy();
    }

    /** One copy: the two databases, their names for messages, and the counts so far. */
    private static final class Run {
        private final Jdbi from;
        private final Jdbi to;
        private String source;
        private String target = NOT_CONNECTED;
        private long reclaimed;

        Run(Jdbi from, String source, Jdbi to) {
            this.from = from;
            this.source = source == null ? "the source Jdbi" : source;
            this.to = to;
        }

        Copied copy() {
            from.installPlugin(new SqlObjectPlugin());
            Handle src;
            try {
                src = from.open();
            } catch (RuntimeException e) {
                throw fail("Cannot open the source database: " + rootMessage(e), e);
            }
            try (src) {
                requireEngine(src, Engine.SQLITE, "source");
                source = describeSource(src);
                src.begin();
                try {
                    return copyFrom(src);
                } finally {
                    src.rollback(); // it only read
                }
            }
        }

        private Copied copyFrom(Handle src) {
            SourceDao in = src.attach(SourceDao.class);
            List<String> tables;
            try {
                tables = in.tables();
            } catch (RuntimeException e) {
                throw fail("Cannot read the source database: " + rootMessage(e), e);
            }
            List<String> missing = REQUIRED.stream().filter(t -> !tables.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw fail("The source has no table " + String.join(", ", missing) + ": it is not a honker database, "
                        + "or an older honker made it; open it once with Honkers.open(file), which creates and "
                        + "migrates honker's tables, then copy again", null);
            }
            to.installPlugin(new HonkerPlugin());
            Handle dst;
            try {
                dst = to.open();
            } catch (RuntimeException e) {
                throw fail("Cannot reach the target database: " + rootMessage(e) + ". Check its URL, that the "
                        + "server runs and lets this user in; nothing was copied", e);
            }
            try (dst) {
                requireEngine(dst, Engine.POSTGRES, "target");
                target = describeTarget(dst);
                dst.begin();
                try {
                    Copied copied = write(in, tables, dst);
                    dst.commit();
                    return copied;
                } catch (RuntimeException | Error e) {
                    dst.rollback();
                    throw e;
                }
            }
        }

        private Copied write(SourceDao in, List<String> tables, Handle dst) {
            String schema = to.getConfig(HonkerConfig.class).getSchema();
            try {
                if (schema != null) {
                    dst.attach(TargetDao.class).putSchemaFirstInTransaction(schema);
                }
                Schema.bootstrap(dst, schema);
            } catch (RuntimeException e) {
                throw fail("Cannot create honker's tables in the target: " + rootMessage(e)
                        + "; nothing was copied", e);
            }
            TargetDao out = dst.attach(TargetDao.class);
            List<String> taken = out.nonEmptyTables();
            if (!taken.isEmpty()) {
                throw fail("The target already holds honker rows in " + String.join(", ", taken) + ": HonkerCopy "
                        + "copies into an empty schema only, so ids and offsets keep their meaning and a copy run "
                        + "twice duplicates nothing. Copy into a fresh database or schema, or empty those tables; "
                        + "nothing was written", null);
            }
            long jobs = table("_honker_live", in::liveJobs, Rows.LiveJob::id, batch -> {
                reclaimed += batch.stream().filter(j -> !j.state().equals("pending")).count();
                out.insertLiveJobs(batch);
            });
            long dead = table("_honker_dead", in::deadJobs, Rows.DeadJob::id, out::insertDeadJobs);
            long tasks = table("_honker_scheduler_tasks", in::scheduledTasks, Rows.ScheduledTask::name,
                    out::insertScheduledTasks);
            long events = table("_honker_stream", in::streamEvents, Rows.StreamEvent::offset,
                    out::insertStreamEvents);
            long consumers = table("_honker_stream_consumers", in::streamConsumers,
                    c -> c.name() + "/" + c.topic(), out::insertStreamConsumers);
            long results = table("_honker_results", in::results, Rows.Result::jobId, out::insertResults);
            long windows = table("_honker_rate_limits", in::rateLimitWindows,
                    w -> w.name() + "@" + w.windowStart(), out::insertRateLimitWindows);
            long keys = tables.contains("_honkerj_unique_jobs")
                    ? table("_honkerj_unique_jobs", in::uniqueKeys, k -> k.queue() + "/" + k.uniqueKey(),
                            out::insertUniqueKeys)
                    : 0;
            long paused = tables.contains("_honkerj_paused_queues")
                    ? table("_honkerj_paused_queues", in::pausedQueues, Rows.PausedQueue::queue,
                            out::insertPausedQueues)
                    : 0;
            Rows.HighWater high = in.highWater();
            if (high.jobId() > 0) {
                out.advanceJobIds(high.jobId());
            }
            if (high.streamOffset() > 0) {
                out.advanceStreamOffsets(high.streamOffset());
            }
            return new Copied(jobs, reclaimed, dead, tasks, events, consumers, results, windows, keys, paused,
                    high.jobId(), high.streamOffset());
        }

        /** Copies one table in batches; a failure names the table and the rows of the batch that failed. */
        private <T> long table(String table, Supplier<ResultIterable<T>> rows, Function<T, Object> key,
                Consumer<List<T>> insert) {
            long count = 0;
            List<T> batch = new ArrayList<>(BATCH);
            try (ResultIterator<T> it = read(table, rows).iterator()) {
                while (hasNext(table, it)) {
                    batch.add(it.next());
                    if (batch.size() == BATCH) {
                        count += flush(table, batch, key, insert);
                    }
                }
            }
            return count + flush(table, batch, key, insert);
        }

        private <T> ResultIterable<T> read(String table, Supplier<ResultIterable<T>> rows) {
            try {
                return rows.get();
            } catch (RuntimeException e) {
                throw readFailure(table, e);
            }
        }

        private boolean hasNext(String table, ResultIterator<?> it) {
            try {
                return it.hasNext();
            } catch (RuntimeException e) {
                throw readFailure(table, e);
            }
        }

        private CopyFailedException readFailure(String table, RuntimeException e) {
            return fail("Cannot read " + table + " from the source: " + rootMessage(e) + ". If a column is "
                    + "missing, an older honker made the file: open it once with Honkers.open(file), which "
                    + "migrates it, then copy again; nothing was written to the target", e);
        }

        private <T> int flush(String table, List<T> batch, Function<T, Object> key, Consumer<List<T>> insert) {
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                insert.accept(batch);
            } catch (RuntimeException e) {
                Object first = key.apply(batch.get(0));
                Object last = key.apply(batch.get(batch.size() - 1));
                String rows = first.equals(last) ? "the row " + first : "one of the rows " + first + " to " + last;
                throw fail("The target refused " + rows + " of " + table + ": " + rootMessage(e) + ". Fix that "
                        + "row in the source and copy again; nothing was written to the target", e);
            }
            int n = batch.size();
            batch.clear();
            return n;
        }

        private void requireEngine(Handle handle, Engine expected, String role) {
            Engine engine;
            try {
                engine = Engine.of(handle.getConnection());
            } catch (SQLException | RuntimeException e) {
                throw fail("Cannot tell which database the " + role + " is: " + rootMessage(e), e);
            }
            if (engine != expected) {
                throw fail("HonkerCopy copies from a SQLite file to PostgreSQL, but the " + role + " is "
                        + engine + ": pass " + (expected == Engine.SQLITE ? "the SQLite file (or a Jdbi on it)"
                        : "a Jdbi on the PostgreSQL database") + " as the " + role, null);
            }
        }

        private String describeSource(Handle src) {
            return source.equals("the source Jdbi")
                    ? Schema.mainFile(src).map(p -> p.toAbsolutePath().toString()).orElse("a SQLite memory database")
                    : source;
        }

        private String describeTarget(Handle dst) {
            try {
                Connection c = dst.getConnection();
                String url = c.getMetaData().getURL();
                int query = url.indexOf('?');
                String schema = to.getConfig(HonkerConfig.class).getSchema();
                return (query < 0 ? url : url.substring(0, query)) + " schema " + (schema != null ? schema : c.getSchema());
            } catch (SQLException e) {
                return "the target Jdbi";
            }
        }

        private CopyFailedException fail(String problem, Throwable cause) {
            return new CopyFailedException(problem, source, target, cause);
        }
    }

    /**
     * The message that says most: the innermost {@link SQLException}'s (a driver's names the host, file or
     * value; the network error under it does not), for a batch the failing statement's own rather than the
     * batch's summary; the innermost cause's if there is no SQLException.
     */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        Throwable sql = null;
        while (true) {
            if (t instanceof SQLException) {
                sql = t;
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        Throwable chosen = sql == null ? t : sql;
        if (chosen instanceof SQLException s && s.getNextException() != null) {
            chosen = s.getNextException();
        }
        return String.valueOf(chosen.getMessage());
    }
}
