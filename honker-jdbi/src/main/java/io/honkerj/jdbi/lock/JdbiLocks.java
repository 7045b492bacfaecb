package io.honkerj.jdbi.lock;

import io.honkerj.api.Lock;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Takes advisory locks on a honker {@link Database}. */
public final class JdbiLocks {
    private final Database db;

    /**
     * Creates the lock service.
     *
     * @param db where statements run
     */
    public JdbiLocks(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Tries to take a lock (see {@link io.honkerj.api.Honker#tryLock}).
     *
     * @param name the lock name
     * @param owner the owner
     * @param ttl the lease
     * @return the lock, or empty if another owner holds it
     */
    public Optional<Lock> tryLock(String name, String owner, Duration ttl) {
        Args.requireName("lock name", name);
        Args.requireName("lock owner", owner);
        long seconds = Args.requirePositiveSeconds("lock ttl", ttl);
        Optional<HolderRow> holder = db.write(s -> {
            long now = db.nowSeconds();
            LockDao dao = s.dao(LockDao.class);
            dao.deleteExpired(name, now);
            dao.insertIfAbsent(name, owner, Args.plusSeconds(now, seconds));
            return dao.holder(name);
        });
        return holder.filter(h -> h.owner().equals(owner))
                .map(h -> new HeldLock(this, name, owner, Instant.ofEpochSecond(h.expiresAt())));
    }

    /**
     * Takes a lock, waiting for it (see {@link io.honkerj.api.Honker#lock}).
     *
     * @param name the lock name
     * @param owner the owner
     * @param ttl the lease
     * @param timeout how long to wait
     * @return the lock, or empty on timeout
     * @throws InterruptedException if interrupted
     */
    public Optional<Lock> lock(String name, String owner, Duration ttl, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + Args.timeoutNanos("lock timeout", timeout);
        try (ChangeWaiter waiter = db.newWaiter()) {
            while (true) {
                Optional<Lock> lock = tryLock(name, owner, ttl);
                long left = deadline - System.nanoTime();
                if (lock.isPresent() || left <= 0) {
                    return lock;
                }
                waiter.awaitAtMost(Duration.ofNanos(left));
            }
        }
    }

    boolean isHeld(String name, String owner) {
        long now = db.nowSeconds();
        return db.read(s -> s.dao(LockDao.class).holder(name))
                .filter(h -> h.owner().equals(owner) && h.expiresAt() > now)
                .isPresent();
    }

    Optional<Instant> renew(String name, String owner, Duration ttl) {
        long seconds = Args.requirePositiveSeconds("lock ttl", ttl);
        return db.write(s -> {
            long now = db.nowSeconds();
            long until = Args.plusSeconds(now, seconds);
            return s.dao(LockDao.class).renew(name, owner, until, now) == 1
                    ? Optional.of(Instant.ofEpochSecond(until))
                    : Optional.empty();
        });
    }

    boolean release(String name, String owner) {
        return db.write(s -> s.dao(LockDao.class).release(name, owner)) == 1;
    }
}
