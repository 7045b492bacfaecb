package io.honkerj.jdbi.worker;

import io.honkerj.api.JobHandler;
import io.honkerj.api.WorkerListener;
import io.honkerj.api.WorkerOptions;
import io.honkerj.api.WorkerPool;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** {@link WorkerPool.Builder} for a honker's own {@link Database}. */
public final class PoolBuilder implements WorkerPool.Builder {
    private final Database db;
    private final Map<String, Registration<?>> registrations = new LinkedHashMap<>();
    private String prefix = "honker-worker-" + ProcessHandle.current().pid() + "-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private WorkerListener listener = new WorkerListener() {};
    private Duration statsEvery;
    private Duration hookGrace;

    record Registration<T>(String queue, Type type, WorkerOptions options, JobHandler<T> handler) {}

    /**
     * Creates a builder.
     *
     * @param db the honker's database; the pool uses its connections
     */
    public PoolBuilder(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public WorkerPool.Builder workerIdPrefix(String workerIdPrefix) {
        this.prefix = Args.requireName("worker id prefix", workerIdPrefix);
        return this;
    }

    @Override
    public <T> WorkerPool.Builder handle(String queue, Class<T> payloadType, JobHandler<T> handler) {
        return handle(queue, payloadType, WorkerOptions.defaults(), handler);
    }

    @Override
    public <T> WorkerPool.Builder handle(String queue, Type payloadType, WorkerOptions options,
            JobHandler<T> handler) {
        Args.requireName("queue name", queue);
        Objects.requireNonNull(payloadType, "payloadType");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(handler, "handler");
        if (registrations.containsKey(queue)) {
            throw new IllegalArgumentException("queue '" + queue + "' already has a handler in this pool");
        }
        registrations.put(queue, new Registration<>(queue, payloadType, options, handler));
        return this;
    }

    @Override
    public WorkerPool.Builder listener(WorkerListener workerListener) {
        this.listener = Objects.requireNonNull(workerListener, "listener");
        return this;
    }

    @Override
    public WorkerPool.Builder statsEvery(Duration interval) {
        Args.requirePositiveSeconds("stats interval", interval);
        this.statsEvery = interval;
        return this;
    }

    @Override
    public WorkerPool.Builder shutdownHook(Duration grace) {
        Args.requireNonNegativeSeconds("shutdown grace", grace);
        this.hookGrace = grace;
        return this;
    }

    @Override
    public WorkerPool start() {
        if (registrations.isEmpty()) {
            throw new IllegalStateException("a worker pool needs at least one handler: call handle(queue, ...)");
        }
        return JdbiWorkerPool.start(db, prefix, registrations.values(), listener, statsEvery, hookGrace);
    }
}
