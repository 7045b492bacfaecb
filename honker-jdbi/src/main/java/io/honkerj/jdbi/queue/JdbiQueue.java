package io.honkerj.jdbi.queue;

import io.honkerj.api.ClaimWaker;
import io.honkerj.api.DeadJob;
import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Enqueued;
import io.honkerj.api.Job;
import io.honkerj.api.JobInfo;
import io.honkerj.api.JobState;
import io.honkerj.api.PayloadCodec;
import io.honkerj.api.Queue;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.QueueStats;
import io.honkerj.jdbi.engine.EngineConfig;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Leases;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.internal.Session;
import io.honkerj.jdbi.result.JdbiResults;
import io.honkerj.jdbi.result.ResultDao;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Queue} on Jdbi: each operation is one transaction of {@link QueueDao} statements on the
 * honker's {@link Database} (the library's own, or the caller's handle and transaction).
 */
public final class JdbiQueue implements Queue {
    private static final Comparator<JobRow> CLAIM_ORDER = Comparator.comparingInt(JobRow::priority).reversed()
            .thenComparingLong(JobRow::runAt)
            .thenComparingLong(JobRow::id);

    private final Database db;
    private final String name;
    private final QueueOptions options;

    /**
     * Creates a queue handle; nothing is written.
     *
     * @param db where and how statements run
     * @param name the queue name; not blank
     * @param options lease and default attempt budget
     */
    public JdbiQueue(Database db, String name, QueueOptions options) {
        this.db = Objects.requireNonNull(db, "db");
        this.name = Args.requireName("queue name", name);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** @return the codec that encodes and decodes this queue's payloads */
    public PayloadCodec codec() {
        return db.codec();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public QueueOptions options() {
        return options;
    }

    @Override
    public long enqueue(Object payload) {
        return enqueue(payload, EnqueueOptions.defaults());
    }

    @Override
    public long enqueue(Object payload, EnqueueOptions options) {
        return insertOne(db.codec().encode(payload), options);
    }

    @Override
    public long enqueueJson(String json, EnqueueOptions options) {
        return insertOne(db.codec().requireJson(json), options);
    }

    @Override
    public Enqueued enqueueUnique(Object payload, EnqueueOptions options) {
        return insert(db.codec().encode(payload), options);
    }

    private long insertOne(String json, EnqueueOptions opts) {
        return insert(json, opts).id();
    }

    /**
     * Inserts a job, or with a unique key held by a live job returns that job: the lookup, the insert and
     * the key's row are one write transaction, so racing callers (threads or processes) get one job.
     */
    private Enqueued insert(String json, EnqueueOptions opts) {
        Objects.requireNonNull(opts, "options");
        String key = opts.uniqueKey();
        return db.write(s -> {
            long now = db.nowSeconds();
            QueueDao dao = s.dao(QueueDao.class);
            if (key != null) {
                if (!s.handle().getConfig(EngineConfig.class).engine().singleWriter()) {
                    dao.lockUniqueKey(name, key);
                }
                Long holder = dao.uniqueJob(name, key);
                if (holder != null) {
                    return new Enqueued(holder, false);
                }
            }
            long id = dao.enqueue(name, json, opts.priority(), runAt(opts, now), maxAttempts(opts),
                    expiresAt(opts, now), now);
            if (key != null) {
                dao.holdUniqueKey(name, key, id);
            }
            return new Enqueued(id, true);
        });
    }

    @Override
    public List<Long> enqueueAll(List<?> payloads, EnqueueOptions opts) {
        Objects.requireNonNull(opts, "options");
        if (opts.uniqueKey() != null) {
            throw new IllegalArgumentException("enqueueAll cannot take unique key '" + opts.uniqueKey()
                    + "': a key names one job; enqueue such jobs one by one");
        }
        if (payloads.isEmpty()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(payloads.size());
        for (Object p : payloads) {
            texts.add(db.codec().encode(p));
        }
        String array = db.codec().encode(texts);
        List<Long> ids = db.write(s -> {
            long now = db.nowSeconds();
            return s.dao(QueueDao.class).enqueueAll(name, array, opts.priority(), runAt(opts, now),
                    maxAttempts(opts), expiresAt(opts, now), now);
        });
        List<Long> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private static long runAt(EnqueueOptions o, long now) {
        if (o.delay() != null) {
            return Args.plusSeconds(now, Args.ceilSeconds(o.delay()));
        }
        return o.runAt() != null ? o.runAt().getEpochSecond() : now;
    }

    private int maxAttempts(EnqueueOptions o) {
        return o.maxAttempts() != null ? o.maxAttempts() : options.maxAttempts();
    }

    private static Long expiresAt(EnqueueOptions o, long now) {
        return o.expiresIn() == null ? null : Args.plusSeconds(now, Args.ceilSeconds(o.expiresIn()));
    }

    @Override
    public Optional<Job> claimOne(String workerId) {
        List<Job> jobs = claimBatch(workerId, 1);
        return jobs.isEmpty() ? Optional.empty() : Optional.of(jobs.get(0));
    }

    @Override
    public List<Job> claimBatch(String workerId, int n) {
        Args.requireName("worker id", workerId);
        Args.requirePositive("claim batch size", n);
        return toJobs(db.write(s -> claimRows(s, workerId, n)), workerId);
    }

    /**
     * Claims as {@link #claimBatch} does, inside a write transaction the caller already holds on this
     * queue's database, so other statements can share it (the worker pool settles finished jobs in the
     * transaction that claims the next ones). The jobs are bound to this queue, not to the session.
     *
     * @param session a session of this queue's database, in a write transaction
     * @param workerId the claiming worker
     * @param n the most jobs to claim; at least 1
     * @return the jobs claimed, in claim order
     */
    public List<Job> claimBatchIn(Session session, String workerId, int n) {
        Args.requireName("worker id", workerId);
        Args.requirePositive("claim batch size", n);
        return toJobs(claimRows(session, workerId, n), workerId);
    }

    private List<JobRow> claimRows(Session s, String workerId, int n) {
        Instant at = db.clock().instant();
        long now = at.getEpochSecond();
        long lease = Leases.lastSecond(at, options.visibilityTimeout()) - now;
        QueueDao dao = s.dao(QueueDao.class);
        if (dao.deadLetterLapsedClaims(name, now) > 0) {
            dao.deleteLapsedClaims(name, now);
        }
        return dao.claimBatch(name, workerId, n, lease, now);
    }

    /**
     * The claimed rows as jobs in claim order, with the queue, worker id and state the claim set (the fast
     * path's mapper leaves them out). Rows usually come back in claim order already: sorted only if not.
     */
    private List<Job> toJobs(List<JobRow> rows, String workerId) {
        List<JobRow> ordered = new ArrayList<>(rows.size());
        boolean sorted = true;
        for (JobRow r : rows) {
            if (sorted && !ordered.isEmpty() && CLAIM_ORDER.compare(ordered.get(ordered.size() - 1), r) > 0) {
                sorted = false;
            }
            ordered.add(new JobRow(r.id(), name, r.payload(), "processing", r.priority(), r.runAt(), workerId,
                    r.claimExpiresAt(), r.attempts(), r.maxAttempts(), r.createdAt(), r.expiresAt()));
        }
        if (!sorted) {
            ordered.sort(CLAIM_ORDER);
        }
        List<Job> jobs = new ArrayList<>(ordered.size());
        for (JobRow row : ordered) {
            jobs.add(new ClaimedJob(this, row));
        }
        return jobs;
    }

    /** The JSON array of job ids the batch acks bind ({@code [1,2,3]}), without a JSON library per call. */
    static String idsJson(Collection<Long> jobIds) {
        StringBuilder json = new StringBuilder(jobIds.size() * 8 + 2).append('[');
        for (Long id : jobIds) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(id); // a null id appends "null", which matches no job
        }
        return json.append(']').toString();
    }

    /** @return whether a claim now would find a job (a read: no write transaction) */
    boolean claimableNow() {
        return db.read(s -> s.dao(QueueDao.class).claimableExists(name, db.nowSeconds()));
    }

    @Override
    public ClaimWaker claimWaker() {
        return new JdbiClaimWaker(this, db);
    }

    @Override
    public boolean ack(long jobId, String workerId) {
        Args.requireName("worker id", workerId);
        return db.write(s -> s.dao(QueueDao.class).ack(jobId, workerId, db.nowSeconds())) == 1;
    }

    boolean ackWithResult(long jobId, String workerId, Object result, Duration ttl) {
        Args.requireName("worker id", workerId);
        String json = db.codec().encode(result);
        JdbiResults.expiresAt(ttl, 0);
        return db.write(s -> {
            long now = db.nowSeconds();
            if (s.dao(QueueDao.class).ack(jobId, workerId, now) != 1) {
                return false;
            }
            s.dao(ResultDao.class).save(jobId, json, JdbiResults.expiresAt(ttl, now), now);
            return true;
        });
    }

    @Override
    public int ackBatch(Collection<Long> jobIds, String workerId) {
        Args.requireName("worker id", workerId);
        if (jobIds.isEmpty()) {
            return 0;
        }
        String ids = idsJson(jobIds);
        return db.write(s -> s.dao(QueueDao.class).ackBatch(ids, workerId, db.nowSeconds()));
    }

    /**
     * Acks, in one statement, every listed job {@code workerId} still validly holds, as {@link #ackBatch}
     * does, and says which: the worker pool's completer settles a burst of finished jobs with it.
     *
     * @param jobIds the jobs to ack
     * @param workerId the worker that claimed them
     * @return the ids acked; the others' claims were lost (lease lapsed, cancelled, or another worker's)
     */
    public Set<Long> ackBatchIds(Collection<Long> jobIds, String workerId) {
        Args.requireName("worker id", workerId);
        if (jobIds.isEmpty()) {
            return Set.of();
        }
        String ids = idsJson(jobIds);
        return Set.copyOf(db.write(s -> s.dao(QueueDao.class).ackBatchIds(ids, workerId, db.nowSeconds())));
    }

    @Override
    public boolean retry(long jobId, String workerId, Duration delay, String error) {
        Args.requireName("worker id", workerId);
        long delaySeconds = Args.requireNonNegativeSeconds("retry delay", delay);
        String lastError = error == null ? "" : Args.wellFormed(error);
        return db.write(s -> {
            long now = db.nowSeconds();
            QueueDao dao = s.dao(QueueDao.class);
            if (dao.retryToDead(jobId, workerId, lastError, now) == 1) {
                return dao.deleteLive(jobId) == 1;
            }
            return dao.retryReschedule(jobId, workerId, Args.plusSeconds(now, delaySeconds), now) == 1;
        });
    }

    @Override
    public boolean fail(long jobId, String workerId, String error) {
        Args.requireName("worker id", workerId);
        String lastError = error == null ? "" : Args.wellFormed(error);
        return db.write(s -> {
            QueueDao dao = s.dao(QueueDao.class);
            return dao.failToDead(jobId, workerId, lastError, db.nowSeconds()) == 1 && dao.deleteLive(jobId) == 1;
        });
    }

    @Override
    public boolean heartbeat(long jobId, String workerId, Duration extendBy) {
        Args.requireName("worker id", workerId);
        Args.requirePositiveSeconds("heartbeat extension", extendBy);
        return db.write(s -> {
            Instant now = db.clock().instant();
            return s.dao(QueueDao.class).heartbeat(jobId, workerId, Leases.lastSecond(now, extendBy),
                    now.getEpochSecond()) == 1;
        });
    }

    @Override
    public boolean release(long jobId, String workerId) {
        Args.requireName("worker id", workerId);
        return db.write(s -> s.dao(QueueDao.class).release(jobId, workerId, db.nowSeconds())) == 1;
    }

    @Override
    public boolean cancel(long jobId) {
        return db.write(s -> s.dao(QueueDao.class).cancel(jobId)) == 1;
    }

    @Override
    public void pause() {
        db.write(s -> s.dao(QueueDao.class).pause(name, db.nowSeconds()));
    }

    @Override
    public void resume() {
        db.write(s -> s.dao(QueueDao.class).resume(name));
    }

    @Override
    public boolean isPaused() {
        return db.read(s -> s.dao(QueueDao.class).isPaused(name));
    }

    @Override
    public Optional<JobInfo> getJob(long jobId) {
        return db.read(s -> s.dao(QueueDao.class).getJob(jobId)).map(JdbiQueue::toInfo);
    }

    /**
     * Lists this queue's live jobs (pending and processing) in claim order: for tests and tools.
     *
     * @param limit the most rows; at least 1
     * @return the jobs
     */
    public List<JobInfo> liveJobs(int limit) {
        Args.requirePositive("job limit", limit);
        return db.read(s -> s.dao(QueueDao.class).liveJobs(name, limit)).stream().map(JdbiQueue::toInfo).toList();
    }

    private static JobInfo toInfo(JobRow r) {
        return new JobInfo(r.id(), r.queue(), r.payload(), JobState.fromSql(r.state()), r.priority(),
                Instant.ofEpochSecond(r.runAt()), r.workerId(), instantOrNull(r.claimExpiresAt()),
                r.attempts(), r.maxAttempts(), Instant.ofEpochSecond(r.createdAt()),
                instantOrNull(r.expiresAt()));
    }

    private static Instant instantOrNull(Long seconds) {
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    @Override
    public Optional<Instant> nextClaimAt() {
        Long at = db.read(s -> s.dao(QueueDao.class).nextClaimAt(name, db.nowSeconds()));
        return Optional.ofNullable(at).map(Instant::ofEpochSecond);
    }

    @Override
    public int sweepExpired() {
        return db.write(s -> {
            long now = db.nowSeconds();
            QueueDao dao = s.dao(QueueDao.class);
            int moved = dao.sweepToDead(name, now);
            if (moved > 0) {
                dao.sweepDelete(name, now);
            }
            dao.pruneUniqueKeys(name); // keys of jobs gone hold nothing; reclaim their rows
            return moved;
        });
    }

    @Override
    public QueueStats stats() {
        long now = db.nowSeconds();
        StatsRow row = db.read(s -> s.dao(QueueDao.class).stats(name, now));
        Duration oldest = row.oldestDueRunAt() == null
                ? Duration.ZERO
                : Duration.ofSeconds(now - row.oldestDueRunAt());
        return new QueueStats(name, row.pending(), row.processing(), row.dead(), oldest);
    }

    @Override
    public List<DeadJob> deadJobs(int limit) {
        Args.requirePositive("dead job limit", limit);
        return db.read(s -> s.dao(QueueDao.class).deadJobs(name, limit)).stream()
                .map(r -> new DeadJob(r.id(), r.queue(), r.payload(), r.priority(),
                        Instant.ofEpochSecond(r.runAt()), r.attempts(), r.maxAttempts(), r.lastError(),
                        Instant.ofEpochSecond(r.createdAt()), Instant.ofEpochSecond(r.diedAt())))
                .toList();
    }

    @Override
    public Optional<Long> requeueDead(long deadJobId) {
        return db.write(s -> {
            QueueDao dao = s.dao(QueueDao.class);
            Optional<Long> id = dao.requeueDead(deadJobId, name, db.nowSeconds());
            id.ifPresent(ignored -> dao.deleteDead(deadJobId));
            return id;
        });
    }

    @Override
    public int purge() {
        return db.write(s -> s.dao(QueueDao.class).purge(name));
    }

    @Override
    public int purgeDead() {
        return db.write(s -> s.dao(QueueDao.class).purgeDead(name));
    }

    @Override
    public String toString() {
        return "Queue[" + name + "]";
    }
}
