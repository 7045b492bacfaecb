package io.honkerj.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A honker database: the entry point to every primitive stored in one SQLite file.
 *
 * <p>Obtain one from {@code io.honkerj.jdbi.Honkers.open(Path)} (the library owns the connections) or from
 * {@code io.honkerj.jdbi.JdbiHonker.create(jdbi)} / {@code JdbiHonker.attach(handle)} (your Jdbi, or your
 * open handle and its transaction). Instances are thread-safe, except a view attached to a handle, which is
 * as thread-safe as the handle itself.
 */
public interface Honker extends AutoCloseable {

    /**
     * Returns the durable work queue with this name, using {@link QueueOptions#defaults()}.
     *
     * @param name the queue name, stored in {@code _honker_live.queue}; not blank
     * @return the queue; cheap to call, nothing is written
     * @throws IllegalArgumentException if the name is blank
     */
    Queue queue(String name);

    /**
     * Returns the durable work queue with this name and these options.
     *
     * @param name the queue name; not blank
     * @param options lease length and default attempt budget of this queue handle
     * @return the queue; cheap to call, nothing is written
     * @throws IllegalArgumentException if the name is blank
     */
    Queue queue(String name, QueueOptions options);

    /**
     * Sends a notification on a channel (pg_notify style). Attached to a caller's transaction it is
     * delivered only if that transaction commits.
     *
     * @param channel the channel; not blank
     * @param payload any value the codec can encode
     * @return the notification id
     */
    long notify(String channel, Object payload);

    /**
     * Listens on a channel, starting after its newest existing notification (no replay).
     *
     * @param channel the channel; not blank
     * @return the listener; close it when done
     */
    Listener listen(String channel);

    /**
     * Deletes old notifications, as upstream's {@code prune_notifications}: those older than
     * {@code olderThan}, and all but the {@code maxKeep} newest over all channels.
     *
     * @param olderThan the age past which notifications go; not negative
     * @param maxKeep how many of the newest to keep at most; not negative (0 deletes all)
     * @return how many were deleted
     */
    int pruneNotifications(java.time.Duration olderThan, int maxKeep);

    /**
     * Returns a durable stream.
     *
     * @param topic the topic; not blank
     * @return the stream; cheap, nothing is written
     */
    Stream stream(String topic);

    /**
     * Tries to take an advisory lock for an owner.
     *
     * <p>An expired lock is taken over; a lock this owner already holds is returned without extending it
     * (as upstream; use {@link Lock#renew(Duration)}).
     *
     * @param name the lock name; not blank
     * @param owner who takes it; not blank
     * @param ttl how long the lease lasts unless renewed; at least one second
     * @return the lock, or empty if another owner holds it
     */
    Optional<Lock> tryLock(String name, String owner, Duration ttl);

    /**
     * Takes an advisory lock, waiting up to {@code timeout} for its holder to release it or for its lease to
     * run out.
     *
     * @param name the lock name; not blank
     * @param owner who takes it; not blank
     * @param ttl how long the lease lasts unless renewed; at least one second
     * @param timeout how long to wait at most
     * @return the lock, or empty on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    Optional<Lock> lock(String name, String owner, Duration ttl, Duration timeout) throws InterruptedException;

    /**
     * Returns a fixed-window rate limiter.
     *
     * @param name the limit's name; not blank
     * @param limit calls allowed per window; at least 1
     * @param per the window; at least one second
     * @return the limiter; cheap, nothing is written
     */
    RateLimiter rateLimiter(String name, int limit, Duration per);

    /**
     * Counts a call against a fixed-window rate limit if there is room: {@code rateLimiter(..).tryAcquire()}.
     *
     * @param name the limit's name; not blank
     * @param limit calls allowed per window; at least 1
     * @param per the window; at least one second
     * @return true if allowed
     */
    default boolean tryRateLimit(String name, int limit, Duration per) {
        return rateLimiter(name, limit, per).tryAcquire();
    }

    /**
     * Returns the cron scheduler, reading cron expressions in the system time zone (as upstream).
     *
     * @return the scheduler
     */
    Scheduler scheduler();

    /**
     * Returns the cron scheduler reading cron expressions in the given zone.
     *
     * @param zone the zone local schedule times are read in
     * @return the scheduler
     */
    Scheduler scheduler(java.time.ZoneId zone);

    /**
     * Returns a builder of a scheduler with options: zone, leader TTL, misfire policy and
     * listener. {@link #scheduler()} is {@code schedulerBuilder().build()}.
     *
     * @return a new builder
     */
    Scheduler.Builder schedulerBuilder();

    /**
     * Returns a transactional outbox with upstream's defaults ({@link OutboxOptions#defaults()}).
     *
     * @param name the outbox name; its queue is {@code _outbox:<name>}
     * @return the outbox; cheap, nothing is written
     */
    default Outbox outbox(String name) {
        return outbox(name, OutboxOptions.defaults());
    }

    /**
     * Returns a transactional outbox.
     *
     * @param name the outbox name; not blank
     * @param options attempts, backoff, lease
     * @return the outbox; cheap, nothing is written
     */
    Outbox outbox(String name, OutboxOptions options);

    /**
     * Returns a queue for named tasks in upstream's task format.
     *
     * @param queue the queue name ({@link TaskQueue#DEFAULT_QUEUE} is upstream's default); not blank
     * @return the task queue; cheap, nothing is written
     */
    TaskQueue tasks(String queue);

    /**
     * Returns a builder for a pool of workers that run handlers for this honker's queues.
     *
     * @return a new builder
     * @throws IllegalStateException on a view attached to a caller's handle, which cannot lend a pool
     *     connections
     */
    WorkerPool.Builder workers();

    /** @return job results */
    Results results();

    /**
     * Returns the codec that turns payloads into JSON text and back.
     *
     * @return the codec this honker was built with
     */
    PayloadCodec codec();

    /**
     * Releases what this honker owns (connections it opened, watcher references). A view attached to a
     * caller's handle owns nothing and closing it does nothing to the handle.
     */
    @Override
    void close();
}
