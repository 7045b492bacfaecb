package io.honkerj.jdbi.lock;

import io.honkerj.api.Lock;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Leases;
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
        Args.requirePositiveSeconds("lock ttl", ttl);
        Optional<HolderRow> holder = db.write(s -> {
            Instant now = db.clock().instant();
            LockDao dao = s.dao(LockDao.class);
            dao.deleteExpired(name, now.getEpochSecond());
            dao.insertIfAbsent(name, owner, Leases.end(now, ttl));
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

    /**
     * When the lease of a lock's holder ends, if someone other than {@code owner} holds it unexpired: a
     * waiter sleeps until then instead of polling. A read.
     *
     * @param name the lock name
     * @param owner the owner asking
     * @return the instant another owner's lease ends (the lock is free from then on), or empty if the lock is
     *     free, expired or {@code owner}'s own
     */
    public Optional<Instant> heldByOtherUntil(String name, String owner) {
        long now = db.nowSeconds();
        return db.read(s -> s.dao(LockDao.class).holder(name))
                .filter(h -> !h.owner().equals(owner) && h.expiresAt() > now)
                .map(h -> Instant.ofEpochSecond(h.expiresAt()));
    }

    boolean isHeld(String name, String owner) {
        long now = db.nowSeconds();
        return db.read(s -> s.dao(LockDao.class).holder(name))
                .filter(h -> h.owner().equals(owner) && h.expiresAt() > now)
                .isPresent();
    }

    Optional<Instant> renew(String name, String owner, Duration ttl) {
        Args.requirePositiveSeconds("lock ttl", ttl);
        return db.write(s -> {
            Instant now = db.clock().instant();
            long until = Leases.end(now, ttl);
            return s.dao(LockDao.class).renew(name, owner, until, now.getEpochSecond()) == 1
                    ? Optional.of(Instant.ofEpochSecond(until))
                    : Optional.empty();
        });
    }

    boolean release(String name, String owner) {
        return db.write(s -> s.dao(LockDao.class).release(name, owner)) == 1;
    }
}
