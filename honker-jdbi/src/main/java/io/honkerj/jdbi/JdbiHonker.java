package io.honkerj.jdbi;

import io.honkerj.api.DatabaseOpenException;
import io.honkerj.api.Honker;
import io.honkerj.api.Listener;
import io.honkerj.api.Lock;
import io.honkerj.api.RateLimiter;
import io.honkerj.api.Results;
import io.honkerj.api.Scheduler;
import io.honkerj.api.Stream;
import io.honkerj.api.PayloadCodec;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.Outbox;
import io.honkerj.api.OutboxOptions;
import io.honkerj.api.TaskQueue;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.internal.CallerSessions;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.HandleDatabase;
import io.honkerj.jdbi.internal.HonkerSettings;
import io.honkerj.jdbi.internal.PooledDatabase;
import io.honkerj.jdbi.engine.Engine;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.lock.JdbiLocks;
import io.honkerj.jdbi.notify.JdbiNotifications;
import io.honkerj.jdbi.queue.JdbiQueue;
import io.honkerj.jdbi.ratelimit.JdbiRateLimiter;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.scheduler.JdbiScheduler;
import io.honkerj.jdbi.stream.JdbiStream;
import io.honkerj.jdbi.worker.JdbiOutbox;
import io.honkerj.jdbi.worker.JdbiTaskQueue;
import io.honkerj.jdbi.worker.PoolBuilder;
import io.honkerj.jdbi.schema.Schema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@link Honker} on Jdbi, in three forms:
 * <ul>
 *   <li>{@link Honkers#open(Path)}: the library opens and pools its own connections;</li>
 *   <li>{@link #create(Jdbi)}: on your Jdbi; honker keeps a few handles opened from it (connections from
 *       your pool or URL) for its own operations;</li>
 *   <li>{@link #attach(Handle)}: on your open handle; inside your transaction every operation joins it and
 *       commits nothing, so an enqueue rolls back with the business write beside it.</li>
 * </ul>
 */
public final class JdbiHonker implements Honker {
    private final GuardedDatabase db;
    private final Jdbi jdbi;
    private final JdbiLocks locks;
    private final JdbiResults results;
    private final JdbiNotifications notifications;
    /** Worker pools started on this honker and not yet stopped: {@link #close()} stops them first. */
    private final java.util.Set<WorkerPool> pools = java.util.concurrent.ConcurrentHashMap.newKeySet();

    JdbiHonker(Database db, Jdbi jdbi) {
        this(new GuardedDatabase(db), jdbi);
    }

    private JdbiHonker(GuardedDatabase db, Jdbi jdbi) {
        this.db = db;
        this.jdbi = jdbi;
        this.locks = new JdbiLocks(this.db);
        this.results = new JdbiResults(this.db);
        this.notifications = new JdbiNotifications(this.db, db.settings().notificationRetention());
    }

    /** Handles {@link #create(Jdbi)} keeps open from your Jdbi at most by default: 2. */
    public static final int DEFAULT_BORROWED_CONNECTIONS = 2;

    /**
     * Creates a honker on your Jdbi: installs {@link HonkerPlugin} (a no-op if installed) and creates the
     * schema if missing. Settings come from {@code jdbi.getConfig(HonkerConfig.class)}.
     *
     * <p>For its own operations (claims, worker pools, wakers, listeners, scheduler ticks) the honker keeps
     * up to {@link #DEFAULT_BORROWED_CONNECTIONS} handles opened from your Jdbi, so up to that many
     * connections of your pool, until it is closed; honker's statements stay prepared on them. Your
     * handles and transactions are not changed.
     *
     * <p>On PostgreSQL, while anything waits (a claim waker, a worker pool, a listener, a lock or result wait)
     * one more connection of your pool listens for wake-ups ({@code LISTEN}), shared by the honkers on this
     * Jdbi in this JVM: size the pool for honker's handles plus one beside your own use.
     *
     * <p>The engine (SQLite or PostgreSQL) is found from the connection. On PostgreSQL the tables go in the
     * connection's current schema, or in {@link HonkerConfig#setSchema the schema you name}, which bootstrap
     * creates (several processes may bootstrap at once) and which is put first on the search path of
     * honker's handles only; it is put back before a handle goes back to your pool. A connection of honker's
     * that the server ended is thrown away, not given back, and the operation runs once more on another
     * connection where that is safe (see {@link #inTransaction}).
     *
     * @param jdbi a Jdbi on a SQLite or PostgreSQL database
     * @return the honker; closing it gives its handles back and leaves your Jdbi alone
     */
    public static JdbiHonker create(Jdbi jdbi) {
        return create(jdbi, DEFAULT_BORROWED_CONNECTIONS);
    }

    /**
     * Creates a honker on your Jdbi, as {@link #create(Jdbi)}, keeping at most {@code maxConnections}
     * handles (connections of your pool) open from it.
     *
     * @param jdbi a Jdbi on a SQLite or PostgreSQL database
     * @param maxConnections at least 1
     * @return the honker; closing it gives its handles back and leaves your Jdbi alone
     */
    public static JdbiHonker create(Jdbi jdbi, int maxConnections) {
        Objects.requireNonNull(jdbi, "jdbi");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
        }
        jdbi.installPlugin(new HonkerPlugin());
        Target target = Target.of(jdbi);
        if (!target.autoCommit()) {
            throw new DatabaseOpenException(target.where(), "this Jdbi's connections come with autocommit off "
                    + "(e.g. HikariCP's autoCommit=false), so Jdbi would join a transaction it leaves to the pool and "
                    + "commit none of honker's writes", "Turn autocommit on for the pool this Jdbi uses (HikariCP: "
                    + "autoCommit=true, its default), or open honker with Honkers.open(dataSource), which turns "
                    + "autocommit on for the connections it takes", null);
        }
        PooledDatabase db = PooledDatabase.borrowing(
                jdbi, jdbi.getConfig(HonkerConfig.class).toSettings(), target.file(), maxConnections);
        return bootstrapped(db, jdbi, target.where());
    }

    /**
     * What a Jdbi's connections reach: the engine (from the connection), the SQLite file (null for a memory
     * database or a server), and how messages name it. Checks before the library opens it: a SQLite file
     * honker could only fail on, a memory database each connection sees apart, a schema name on SQLite.
     */
    record Target(Engine engine, Path file, String where, boolean autoCommit) {
        static Target of(Jdbi jdbi) {
            Target target;
            try {
                target = jdbi.withHandle(h -> {
                    Engine engine = h.getConfig(EngineConfig.class).engine();
                    Path file = Schema.mainFile(h).orElse(null);
                    String where;
                    boolean autoCommit;
                    try {
                        autoCommit = h.getConnection().getAutoCommit();
                        where = file != null ? file.toString() : !engine.namedSchemas() ? "in memory"
                                : h.getConnection().getMetaData().getDatabaseProductName() + " database "
                                        + h.getConnection().getCatalog();
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot read the connection's metadata: " + e, e);
                    }
                    return new Target(engine, file, where, autoCommit);
                });
            } catch (RuntimeException e) {
                throw OpenErrors.translate(e, "of this Jdbi");
            }
            String schema = jdbi.getConfig(HonkerConfig.class).getSchema();
            if (schema != null && !target.engine().namedSchemas()) {
                throw new DatabaseOpenException(target.where(), "HonkerConfig names the schema '" + schema
                        + "', and SQLite has no schemas honker's tables could go in", "Leave the schema unset "
                        + "(null) on SQLite, or use another database file for a separate set of tables", null);
            }
            if (target.file() != null) {
                OpenErrors.checkBeforeOpen(target.file());
            } else if (!target.engine().namedSchemas()) {
                requireOneMemoryDatabase(jdbi);
            }
            return schema == null ? target
                    : new Target(target.engine(), target.file(), target.where() + " (schema " + schema + ")",
                            target.autoCommit());
        }
    }

    /**
     * Creates the schema if missing through a database the library just opened, then the honker on it; if
     * that fails, closes the database and throws the failure named after {@code where}.
     */
    static JdbiHonker bootstrapped(PooledDatabase db, Jdbi jdbi, String where) {
        try {
            db.write(s -> {
                Schema.bootstrap(s.handle(), db.settings().schema());
                return null;
            });
        } catch (RuntimeException e) {
            db.close();
            throw OpenErrors.translate(e, where);
        }
        return new JdbiHonker(db, jdbi);
    }

    /**
     * Refuses a Jdbi whose connections each open their own memory database ({@code jdbc:sqlite::memory:}):
     * the schema one connection creates would be missing on the next. Two handles are opened at once.
     */
    private static void requireOneMemoryDatabase(Jdbi jdbi) {
        try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
            Schema.bootstrap(first);
            if (!Schema.isComplete(second)) {
                throw new DatabaseOpenException("in memory", "each connection of this Jdbi opens a memory "
                        + "database of its own (jdbc:sqlite::memory:), so what one operation writes the next cannot "
                        + "see", "Use a database file, or a shared memory database "
                        + "(jdbc:sqlite:file:name?mode=memory&cache=shared) while your application keeps a connection "
                        + "to it open", null);
            }
        }
    }

    /**
     * Creates a honker view on your open handle. Inside the handle's transaction, every operation joins
     * it; outside one, each write opens and commits its own. Creates the schema if missing (in the
     * handle's transaction, if one is open). Settings come from {@code handle.getConfig(HonkerConfig.class)}.
     *
     * <p>On PostgreSQL, as on SQLite, an enqueue inside your transaction commits or rolls back with it. With
     * {@link HonkerConfig#setSchema a schema of honker's own}, honker's schema is put first on your
     * connection's search path only while each of its operations runs, and your path is put back after it,
     * so your own statements between honker's see the path you set. Honker never retries inside your
     * transaction: if the connection is lost there, a {@link io.honkerj.api.DatabaseFailedException} says
     * that nothing of the transaction is written, and the whole transaction is yours to run again.
     *
     * @param handle your handle on a SQLite or PostgreSQL database
     * @return the view; closing it does nothing to the handle
     */
    public static JdbiHonker attach(Handle handle) {
        Objects.requireNonNull(handle, "handle");
        HonkerConfig config = handle.getConfig(HonkerConfig.class);
        if (!config.isPluginInstalled()) {
            throw new IllegalStateException("JdbiHonker.attach(handle) needs HonkerPlugin on the handle's Jdbi "
                    + "(its statements, SQL functions, BEGIN IMMEDIATE and commit hook): call "
                    + "jdbi.installPlugin(new HonkerPlugin()) once, before opening the handle");
        }
        CallerSessions.Attached session = CallerSessions.of(handle);
        HonkerSettings settings = config.toSettings();
        if (settings.schema() != null && !handle.getConfig(EngineConfig.class).engine().namedSchemas()) {
            throw new DatabaseOpenException(session.describe(), "HonkerConfig names the schema '"
                    + settings.schema() + "', and SQLite has no schemas honker's tables could go in",
                    "Leave the schema unset (null) on SQLite", null);
        }
        HandleDatabase db = HandleDatabase.attached(session, settings);
        if (!session.schemaChecked(settings.schema())) {
            boolean inYourTransaction = handle.isInTransaction();
            boolean created = db.write(s -> Schema.ensure(s.handle(), settings.schema()));
            if (!created || !inYourTransaction) { // tables created in your transaction go if it rolls back
                session.markSchemaChecked(settings.schema());
            }
        }
        return new JdbiHonker(db, handle.getJdbi());
    }

    /**
     * Runs business statements and honker operations in one write transaction ({@code BEGIN IMMEDIATE}),
     * committed when {@code work} returns and rolled back if it throws. While the database is busy the
     * whole transaction is retried, so {@code work} must have no effect outside the database.
     *
     * <p>On PostgreSQL it is retried whole, up to the busy deadline, when the server aborts it to resolve a
     * deadlock ({@code 40P01}) or a serialization failure ({@code 40001}); and once, on a new connection, when
     * the connection is lost before the commit was sent (the server rolled it back). If the connection is lost
     * while the commit is on the way, whether it was written is unknown: it is not run again, and
     * {@link io.honkerj.api.CommitOutcomeUnknownException} says so. With a schema configured, the handle's
     * search path has honker's schema first and yours after it, so your unqualified table names still resolve.
     *
     * @param work the transaction's work
     * @param <R> its result
     * @return its result
     */
    public <R> R inTransaction(HonkerTransaction<R> work) {
        return db.write(s -> {
            HandleDatabase inTx = HandleDatabase.joining(db, s);
            return work.apply(s.handle(), new JdbiHonker(db.joining(inTx), jdbi));
        });
    }

    /** @return the Jdbi this honker runs on, with {@link HonkerPlugin} installed */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the database file, if this honker is on a file */
    public Optional<Path> file() {
        return db.file();
    }

    @Override
    public Queue queue(String name) {
        return queue(name, QueueOptions.defaults());
    }

    @Override
    public Queue queue(String name, QueueOptions options) {
        db.check();
        return new JdbiQueue(db, name, options);
    }

    @Override
    public long notify(String channel, Object payload) {
        return notifications.notify(channel, payload);
    }

    @Override
    public Listener listen(String channel) {
        return notifications.listen(channel);
    }

    @Override
    public int pruneNotifications(Duration olderThan, int maxKeep) {
        return notifications.prune(olderThan, maxKeep);
    }

    @Override
    public Stream stream(String topic) {
        db.check();
        return new JdbiStream(db, topic);
    }

    @Override
    public Optional<Lock> tryLock(String name, String owner, Duration ttl) {
        return locks.tryLock(name, owner, ttl);
    }

    @Override
    public Optional<Lock> lock(String name, String owner, Duration ttl, Duration timeout)
            throws InterruptedException {
        return locks.lock(name, owner, ttl, timeout);
    }

    @Override
    public RateLimiter rateLimiter(String name, int limit, Duration per) {
        db.check();
        return new JdbiRateLimiter(db, name, limit, per);
    }

    /**
     * Drops every rate limit's windows that started more than {@code olderThan} ago (each limit already
     * drops its own finished windows as it counts; this catches limits no longer called).
     *
     * @param olderThan the age
     * @return rows deleted
     */
    public int sweepRateLimits(Duration olderThan) {
        return JdbiRateLimiter.sweep(db, olderThan);
    }

    @Override
    public Scheduler scheduler() {
        return scheduler(ZoneId.systemDefault());
    }

    @Override
    public Scheduler scheduler(ZoneId zone) {
        return schedulerBuilder().zone(zone).build();
    }

    @Override
    public Scheduler.Builder schedulerBuilder() {
        db.check();
        return JdbiScheduler.builder(db);
    }

    @Override
    public Outbox outbox(String name, OutboxOptions options) {
        db.check();
        return new JdbiOutbox(db, name, options);
    }

    @Override
    public TaskQueue tasks(String queue) {
        db.check();
        return new JdbiTaskQueue(db, queue);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The builder also registers {@link PoolBuilder#handleInTransaction transactional handlers}, whose
     * writes commit with their job's ack.
     */
    @Override
    public PoolBuilder workers() {
        db.check();
        if (db.inner() instanceof HandleDatabase) {
            throw new IllegalStateException("a worker pool needs its own connections; build it on a honker from "
                    + "Honkers.open(...) or JdbiHonker.create(jdbi), not on one attached to a handle");
        }
        return new PoolBuilder(db, pools);
    }

    @Override
    public Results results() {
        db.check();
        return results;
    }

    @Override
    public PayloadCodec codec() {
        return db.codec();
    }

    /**
     * Stops the worker pools started on this honker that are still running (as {@link WorkerPool#close()}:
     * running jobs get {@link WorkerPool#DEFAULT_SHUTDOWN_GRACE}, unfinished ones go back to their queues),
     * then releases what this honker owns. Idempotent. From then on every operation of this honker, and of
     * every queue, stream, listener, lock, scheduler or builder taken from it, throws
     * {@link io.honkerj.api.HonkerClosedException}.
     */
    @Override
    public void close() {
        for (WorkerPool pool : java.util.List.copyOf(pools)) {
            pool.close();
        }
        db.close();
    }
}
