package io.honkerj.jdbi.queue;

import io.honkerj.api.Job;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;

/** A job as its claim returned it, bound to the queue that can ack, retry, fail or extend it. */
final class ClaimedJob implements Job {
    private final JdbiQueue queue;
    private final JobRow row;

    ClaimedJob(JdbiQueue queue, JobRow row) {
        this.queue = queue;
        this.row = row;
    }

    @Override
    public long id() {
        return row.id();
    }

    @Override
    public String queue() {
        return row.queue();
    }

    @Override
    public String workerId() {
        return row.workerId();
    }

    @Override
    public int attempts() {
        return row.attempts();
    }

    @Override
    public int maxAttempts() {
        return row.maxAttempts();
    }

    @Override
    public int priority() {
        return row.priority();
    }

    @Override
    public Instant runAt() {
        return Instant.ofEpochSecond(row.runAt());
    }

    @Override
    public Instant claimExpiresAt() {
        return Instant.ofEpochSecond(row.claimExpiresAt());
    }

    @Override
    public Instant createdAt() {
        return Instant.ofEpochSecond(row.createdAt());
    }

    @Override
    public String payloadJson() {
        return row.payload();
    }

    @Override
    public <T> T payload(Class<T> type) {
        return queue.codec().decode(row.payload(), type);
    }

    @Override
    public <T> T payload(Type type) {
        return queue.codec().decode(row.payload(), type);
    }

    @Override
    public boolean ack() {
        return queue.ack(row.id(), row.workerId());
    }

    @Override
    public boolean ack(Object result, Duration ttl) {
        return queue.ackWithResult(row.id(), row.workerId(), result, ttl);
    }

    @Override
    public boolean retry(Duration delay, String error) {
        return queue.retry(row.id(), row.workerId(), delay, error);
    }

    @Override
    public boolean fail(String error) {
        return queue.fail(row.id(), row.workerId(), error);
    }

    @Override
    public boolean release() {
        return queue.release(row.id(), row.workerId());
    }

    @Override
    public boolean heartbeat(Duration extendBy) {
        return queue.heartbeat(row.id(), row.workerId(), extendBy);
    }

    @Override
    public String toString() {
        return "Job[id=" + row.id() + ", queue=" + row.queue() + ", worker=" + row.workerId()
                + ", attempts=" + row.attempts() + "/" + row.maxAttempts() + "]";
    }
}
