package io.honkerj.jdbi.worker;

import io.honkerj.api.Job;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;

/** A claimed job as a pool's handler and listener see it: the claim, plus whether it was cancelled. */
final class RunningJob implements Job {
    private final Job claimed;
    private final Held held;

    RunningJob(Job claimed, Held held) {
        this.claimed = claimed;
        this.held = held;
    }

    @Override
    public boolean isCancelled() {
        return held.cancelled;
    }

    @Override
    public long id() {
        return claimed.id();
    }

    @Override
    public String queue() {
        return claimed.queue();
    }

    @Override
    public String workerId() {
        return claimed.workerId();
    }

    @Override
    public int attempts() {
        return claimed.attempts();
    }

    @Override
    public int maxAttempts() {
        return claimed.maxAttempts();
    }

    @Override
    public int priority() {
        return claimed.priority();
    }

    @Override
    public Instant runAt() {
        return claimed.runAt();
    }

    @Override
    public Instant claimExpiresAt() {
        return claimed.claimExpiresAt();
    }

    @Override
    public Instant createdAt() {
        return claimed.createdAt();
    }

    @Override
    public String payloadJson() {
        return claimed.payloadJson();
    }

    @Override
    public <T> T payload(Class<T> type) {
        return claimed.payload(type);
    }

    @Override
    public <T> T payload(Type type) {
        return claimed.payload(type);
    }

    @Override
    public boolean ack() {
        return claimed.ack();
    }

    @Override
    public boolean ack(Object result, Duration ttl) {
        return claimed.ack(result, ttl);
    }

    @Override
    public boolean retry(Duration delay, String error) {
        return claimed.retry(delay, error);
    }

    @Override
    public boolean fail(String error) {
        return claimed.fail(error);
    }

    @Override
    public boolean release() {
        return claimed.release();
    }

    @Override
    public boolean heartbeat(Duration extendBy) {
        return claimed.heartbeat(extendBy);
    }

    @Override
    public String toString() {
        return claimed.toString();
    }
}
