package io.honkerj.jdbi.worker;

import io.honkerj.api.JobHandler;
import io.honkerj.api.Outbox;
import io.honkerj.api.OutboxDelivery;
import io.honkerj.api.OutboxOptions;
import io.honkerj.api.RetryPolicy;
import io.honkerj.api.TaskHandler;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link WorkerPool.Builder} for a honker's own {@link Database}, with what only Jdbi can offer:
 * {@link #handleInTransaction handlers whose writes commit with their job's ack}. Every method returns this
 * type, so chains keep it.
 */
public final class PoolBuilder implements WorkerPool.Builder {
    /** Upstream's task retry: a constant 60 s delay, the job's own attempt budget. */
    static final WorkerOptions TASK_DEFAULTS = WorkerOptions.defaults()
            .withRetry(new RetryPolicy(Duration.ofSeconds(60), Duration.ofSeconds(60), 0, false));
    /** Upstream's outbox backoff has no cap; with its 5 attempts the longest wait is 16 x base anyway. */
    private static final Duration OUTBOX_BACKOFF_CAP = Duration.ofDays(1);

    private final Database db;
    private final java.util.Set<WorkerPool> running;
    private final Map<String, Registration> handlers = new LinkedHashMap<>();
    private final Map<String, Map<String, TaskHandler>> tasks = new LinkedHashMap<>();
    private final Map<String, WorkerOptions> taskOptions = new LinkedHashMap<>();
    private String prefix = "honker-worker-" + ProcessHandle.current().pid() + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private WorkerListener listener = new WorkerListener() {};
    private Duration statsEvery;
    private Duration hookGrace;

    /** A queue's handler and options, as the pool runs them. */
    record Registration(String queue, WorkerOptions options, JsonJobHandler handler) {}

    /**
     * Creates a builder.
     *
     * @param db the honker's database; the pool uses its connections
     * @param running where a started pool registers until it has stopped, so the honker can stop its pools
     *     before it closes the connections they use
     */
    public PoolBuilder(Database db, java.util.Set<WorkerPool> running) {
        this.db = Objects.requireNonNull(db, "db");
        this.running = Objects.requireNonNull(running, "running");
    }

    @Override
    public PoolBuilder workerIdPrefix(String workerIdPrefix) {
        this.prefix = Args.requireName("worker id prefix", workerIdPrefix);
        return this;
    }

    @Override
    public <T> PoolBuilder handle(String queue, Class<T> payloadType, JobHandler<T> handler) {
        return handle(queue, payloadType, WorkerOptions.defaults(), handler);
    }

    @Override
    public <T> PoolBuilder handle(String queue, Class<T> payloadType, WorkerOptions options, JobHandler<T> handler) {
        return handle(queue, (Type) payloadType, options, handler);
    }

    /**
     * Registers a handler that runs inside the transaction that acks its job (see
     * {@link TransactionalJobHandler}): its writes on the handle and the ack commit together or not at all.
     *
     * @param queue the queue name; not blank, registered once
     * @param payloadType what the codec decodes payloads to
     * @param options concurrency, claim batch, lease, retries, result ttl, timeout
     * @param handler the handler
     * @param <T> the payload type
     * @return this builder
     */
    public <T> PoolBuilder handleInTransaction(String queue, Class<T> payloadType, WorkerOptions options,
            TransactionalJobHandler<T> handler) {
        return handleInTransaction(queue, (Type) payloadType, options, handler);
    }

    /**
     * Registers a transactional handler (see {@link #handleInTransaction(String, Class, WorkerOptions,
     * TransactionalJobHandler)}) for a generic payload type, e.g. {@code List<Order>}.
     *
     * @param queue the queue name; not blank, registered once
     * @param payloadType what the codec decodes payloads to (a class or a parameterized type)
     * @param options concurrency, claim batch, lease, retries, result ttl, timeout
     * @param handler the handler
     * @param <T> the payload type
     * @return this builder
     */
    public <T> PoolBuilder handleInTransaction(String queue, Type payloadType, WorkerOptions options,
            TransactionalJobHandler<T> handler) {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(handler, "handler");
        return register(queue, options, JsonJobHandler.typedInTransaction(payloadType, handler, db.codec()));
    }

    @Override
    public <T> PoolBuilder handle(String queue, Type payloadType, WorkerOptions options,
            JobHandler<T> handler) {
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(handler, "handler");
        return register(queue, options, JsonJobHandler.typed(payloadType, handler, db.codec()));
    }

    @Override
    public <T> PoolBuilder outbox(String name, Type payloadType, OutboxOptions options,
            OutboxDelivery<T> delivery) {
        Args.requireName("outbox name", name);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(delivery, "delivery");
        WorkerOptions worker = WorkerOptions.defaults()
                .withLease(options.visibilityTimeout())
                .withRetry(new RetryPolicy(options.baseBackoff(), max(options.baseBackoff(), OUTBOX_BACKOFF_CAP),
                        options.maxAttempts(), false));
        JobHandler<T> handler = (payload, job) -> {
            delivery.deliver(payload, job);
            return null;
        };
        return handle(Outbox.QUEUE_PREFIX + name, payloadType, worker, handler);
    }

    @Override
    public <T> PoolBuilder outbox(String name, Class<T> payloadType, OutboxDelivery<T> delivery) {
        return outbox(name, (Type) payloadType, OutboxOptions.defaults(), delivery);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public PoolBuilder task(String queue, String task, TaskHandler handler) {
        Args.requireName("queue name", queue);
        Args.requireName("task name", task);
        Objects.requireNonNull(handler, "handler");
        if (handlers.containsKey(queue)) {
            throw new IllegalArgumentException("queue '" + queue + "' already has a plain handler in this pool; "
                    + "tasks need a queue of their own");
        }
        Map<String, TaskHandler> named = tasks.computeIfAbsent(queue, q -> new LinkedHashMap<>());
        if (named.putIfAbsent(task, handler) != null) {
            throw new IllegalArgumentException("task '" + task + "' is already registered on queue '" + queue + "'");
        }
        return this;
    }

    @Override
    public PoolBuilder taskOptions(String queue, WorkerOptions options) {
        Args.requireName("queue name", queue);
        taskOptions.put(queue, Objects.requireNonNull(options, "options"));
        return this;
    }

    private PoolBuilder register(String queue, WorkerOptions options, JsonJobHandler handler) {
        Args.requireName("queue name", queue);
        Objects.requireNonNull(options, "options");
        if (handlers.containsKey(queue) || tasks.containsKey(queue)) {
            throw new IllegalArgumentException("queue '" + queue + "' already has a handler in this pool");
        }
        handlers.put(queue, new Registration(queue, options, handler));
        return this;
    }

    @Override
    public PoolBuilder listener(WorkerListener workerListener) {
        this.listener = Objects.requireNonNull(workerListener, "listener");
        return this;
    }

    @Override
    public PoolBuilder statsEvery(Duration interval) {
        Args.requirePositiveSeconds("stats interval", interval);
        this.statsEvery = interval;
        return this;
    }

    @Override
    public PoolBuilder shutdownHook(Duration grace) {
        Args.requireNonNegativeSeconds("shutdown grace", grace);
        this.hookGrace = grace;
        return this;
    }

    @Override
    public WorkerPool start() {
        db.read(s -> null); // fails now, not on the pool's threads, if the honker is closed or its file replaced
        return JdbiWorkerPool.start(db, prefix, registrations(), listener, statsEvery, hookGrace, running);
    }

    /**
     * Returns a worker that runs this builder's handlers on the calling thread, on demand, instead of
     * starting a pool: for tests ({@link ManualWorker#drain(String)} runs every due job of a queue now).
     *
     * @return the manual worker; the builder can still start a pool
     * @throws IllegalStateException if no handler was registered
     */
    public ManualWorker manual() {
        Map<String, Registration> byQueue = new LinkedHashMap<>();
        for (Registration r : registrations()) {
            byQueue.put(r.queue(), r);
        }
        return new ManualWorker(db, byQueue, listener);
    }

    private List<Registration> registrations() {
        for (String queue : taskOptions.keySet()) {
            if (!tasks.containsKey(queue)) {
                throw new IllegalStateException("taskOptions given for queue '" + queue + "', which has no tasks");
            }
        }
        List<Registration> all = new ArrayList<>(handlers.values());
        tasks.forEach((queue, named) -> all.add(new Registration(queue,
                taskOptions.getOrDefault(queue, TASK_DEFAULTS), new TaskDispatcher(named, db.codec()))));
        if (all.isEmpty()) {
            throw new IllegalStateException(
                    "a worker pool needs at least one handler: call handle, outbox or task first");
        }
        return all;
    }
}
