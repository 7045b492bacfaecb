package io.honkerj.jdbi.lock;

import io.honkerj.api.Lock;
import io.honkerj.api.LockNotHeldException;
import java.time.Duration;
import java.time.Instant;

/** A lock this process took; every operation checks ownership in the database. */
final class HeldLock implements Lock {
    private final JdbiLocks locks;
    private final String name;
    private final String owner;
    private volatile Instant expiresAt;

    HeldLock(JdbiLocks locks, String name, String owner, Instant expiresAt) {
        this.locks = locks;
        this.name = name;
        this.owner = owner;
        this.expiresAt = expiresAt;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public Instant expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean isHeld() {
        return locks.isHeld(name, owner);
    }

    @Override
    public boolean renew(Duration ttl) {
        return locks.renew(name, owner, ttl).map(at -> {
            expiresAt = at;
            return true;
        }).orElse(false);
    }

    @Override
    public void heartbeat(Duration ttl) {
        if (!renew(ttl)) {
            throw new LockNotHeldException(name, owner);
        }
    }

    @Override
    public boolean release() {
        return locks.release(name, owner);
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "Lock[" + name + ", owner=" + owner + ", expiresAt=" + expiresAt + "]";
    }
}
