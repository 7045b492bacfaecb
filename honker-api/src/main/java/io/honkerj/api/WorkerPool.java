package io.honkerj.api;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Set;

/**
 * Runs handlers for queues: claims jobs as they become claimable (woken by commits, not by polling),
 * runs each handler on an executor (virtual threads when the runtime has them), heartbeats the jobs it
 * holds, acks them (storing a returned result in the same transaction), retries failures with backoff and
 * dead-letters them when their attempts are used up.
 *
 * <p>Build one with {@link Honker#workers()}: register a handler per queue, then {@link Builder#start()}.
 * It uses the honker's connections: closing the honker shuts its running pools down first.
 * Stop it with {@link #shutdown(Duration)} or {@link #close()}: claiming stops, running handlers get until
 * the deadline to finish, then are interrupted, and every job not finished goes back to its queue at once
 * without spending an attempt.
 */
public interface WorkerPool extends AutoCloseable {

    /** How long {@link #close()} lets running handlers finish. */
    Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    /** @return the queues this pool works */
    Set<String> queues();

    /**
     * Returns the worker id prefix of a queue's claims, {@code <prefix>-<queue>}: each claim stores
     * {@code <prefix>-<queue>-<n>} in {@code _honker_live.worker_id}, a new {@code n} per claim, so a job this
     * pool claims again after its lease lapsed is a new claim the first run cannot settle.
     *
     * @param queue a queue this pool works
     * @return the worker id prefix
     * @throws IllegalArgumentException if the pool does not work that queue
     */
    String workerId(String queue);

    /**
     * Stops claiming jobs of a queue in this pool only, until {@link #resume(String)} or a restart (to stop
     * every pool of every process, persistently, use {@link Queue#pause()}). Jobs already claimed but not
     * started go back to the queue at once (no attempt spent); running ones finish. Idempotent.
     *
     * @param queue a queue this pool works
     * @throws IllegalArgumentException if the pool does not work that queue
     */
    void pause(String queue);

    /**
     * Starts claiming jobs of a paused queue again. Idempotent.
     *
     * @param queue a queue this pool works
     * @throws IllegalArgumentException if the pool does not work that queue
     */
    void resume(String queue);

    /**
     * @param queue a queue this pool works
     * @return whether it is paused
     */
    boolean isPaused(String queue);

    /**
     * Stops the pool: no more claims; handlers running get until {@code grace} has passed to finish (their
     * results are acked), then are interrupted; jobs not finished go back to their queues at once, without
     * spending an attempt. Returns when every thread of the pool has stopped, or soon after the deadline if
     * a handler ignores interruption (its job is then left to its lease, which is no longer heartbeated).
     * Called while a shutdown is under way, it waits for that one, bringing its deadline forward if
     * {@code grace} ends sooner.
     *
     * @param grace how long running handlers may take; not negative
     * @return true if every handler finished or stopped and every job was settled
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean shutdown(Duration grace) throws InterruptedException;

    /** @return true once {@link #shutdown(Duration)} or {@link #close()} has begun */
    boolean isShutdown();

    /** Shuts down with {@link #DEFAULT_SHUTDOWN_GRACE}; restores the interrupt flag if interrupted. */
    @Override
    void close();

    /** Configures a pool; obtained from {@link Honker#workers()}. */
    interface Builder {

        /**
         * Sets the prefix of the pool's worker ids (default {@code honker-worker-<pid>-<random>}); a claim's
         * worker id is {@code <prefix>-<queue>-<n>}. Keep it unique per pool: two pools sharing a prefix
         * could settle each other's claims.
         *
         * @param prefix not blank
         * @return this builder
         */
        Builder workerIdPrefix(String prefix);

        /**
         * Registers a handler for a queue with {@link WorkerOptions#defaults()}.
         *
         * @param queue the queue name; not blank, registered once
         * @param payloadType what the codec decodes payloads to
         * @param handler the handler
         * @param <T> the payload type
         * @return this builder
         */
        <T> Builder handle(String queue, Class<T> payloadType, JobHandler<T> handler);

        /**
         * Registers a handler for a queue.
         *
         * @param queue the queue name; not blank, registered once
         * @param payloadType what the codec decodes payloads to
         * @param options concurrency, claim batch, lease, retries, rate limit, result ttl
         * @param handler the handler
         * @param <T> the payload type
         * @return this builder
         */
        default <T> Builder handle(String queue, Class<T> payloadType, WorkerOptions options,
                JobHandler<T> handler) {
            return handle(queue, (Type) payloadType, options, handler);
        }

        /**
         * Registers a handler for a queue whose payload type is generic, e.g. {@code List<Order>}.
         *
         * @param queue the queue name; not blank, registered once
         * @param payloadType what the codec decodes payloads to (a class or a parameterized type)
         * @param options concurrency, claim batch, lease, retries, rate limit, result ttl
         * @param handler the handler
         * @param <T> the payload type
         * @return this builder
         */
        <T> Builder handle(String queue, Type payloadType, WorkerOptions options, JobHandler<T> handler);

        /**
         * Delivers an outbox's messages with upstream's defaults ({@link OutboxOptions#defaults()}).
         *
         * @param name the outbox name (queue {@code _outbox:<name>})
         * @param payloadType what the codec decodes messages to
         * @param delivery sends one message; throw to retry
         * @param <T> the message type
         * @return this builder
         */
        default <T> Builder outbox(String name, Class<T> payloadType, OutboxDelivery<T> delivery) {
            return outbox(name, (Type) payloadType, OutboxOptions.defaults(), delivery);
        }

        /**
         * Delivers an outbox's messages one at a time, in claim order (as upstream, a failed message waits
         * for its retry while later ones go ahead); a failed delivery waits
         * {@code baseBackoff * 2^(attempts-1)} (no jitter) and dies after its last attempt.
         *
         * @param name the outbox name (queue {@code _outbox:<name>})
         * @param payloadType what the codec decodes messages to
         * @param options attempts, backoff and lease; use the same options where messages are enqueued
         * @param delivery sends one message; throw to retry
         * @param <T> the message type
         * @return this builder
         */
        <T> Builder outbox(String name, Type payloadType, OutboxOptions options, OutboxDelivery<T> delivery);

        /**
         * Runs a named task of a queue: jobs in upstream's task format whose name matches. Several tasks may
         * share a queue; a job naming a task nobody registered, or a payload that is not a task call, is
         * dead-lettered at once (as upstream). Task queues default to upstream's task behaviour: one call at
         * a time, a constant 60 s retry delay, results kept an hour ({@link #taskOptions} changes it).
         *
         * @param queue the queue ({@link TaskQueue#DEFAULT_QUEUE} is upstream's default)
         * @param task the task name, e.g. a Python task's {@code module.qualname}
         * @param handler runs it
         * @return this builder
         */
        Builder task(String queue, String task, TaskHandler handler);

        /**
         * Sets how a task queue is worked (concurrency, batch, lease, retries, result ttl).
         *
         * @param queue a queue with tasks registered
         * @param options the options
         * @return this builder
         */
        Builder taskOptions(String queue, WorkerOptions options);

        /**
         * Sets who hears about each job (default: nobody; the pool logs through SLF4J regardless).
         *
         * @param listener the listener
         * @return this builder
         */
        Builder listener(WorkerListener listener);

        /**
         * Has the pool read each queue's counts at this interval and pass them to
         * {@link WorkerListener#queueStats(QueueStats)}.
         *
         * @param interval at least one second
         * @return this builder
         */
        Builder statsEvery(Duration interval);

        /**
         * Registers a JVM shutdown hook that shuts the pool down with this grace (SIGTERM, System.exit);
         * removed when the pool is shut down otherwise.
         *
         * @param grace how long running handlers may take when the JVM stops; not negative
         * @return this builder
         */
        Builder shutdownHook(Duration grace);

        /**
         * Starts the pool.
         *
         * @return the running pool
         * @throws IllegalStateException if no handler was registered
         */
        WorkerPool start();
    }
}
