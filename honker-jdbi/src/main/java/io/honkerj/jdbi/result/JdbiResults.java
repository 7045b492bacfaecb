package io.honkerj.jdbi.result;

import io.honkerj.api.Results;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.internal.Database;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** {@link Results} on a honker {@link Database}. */
public final class JdbiResults implements Results {
    private final Database db;

    /**
     * Creates the results view.
     *
     * @param db where statements run
     */
    public JdbiResults(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Converts a result TTL to an expiry: null is never, otherwise at least one second (upstream treats
     * ttl &lt;= 0 as "never", which hides mistakes: spec section 4 item 6).
     *
     * @param ttl the TTL or null
     * @param now unix seconds
     * @return unix seconds or null
     */
    public static Long expiresAt(Duration ttl, long now) {
        return ttl == null ? null : Args.plusSeconds(now, Args.requirePositiveSeconds("result ttl", ttl));
    }

    @Override
    public void save(long jobId, Object value, Duration ttl) {
        String json = db.codec().encode(value);
        expiresAt(ttl, 0);
        db.write(s -> {
            long now = db.nowSeconds();
            s.dao(ResultDao.class).save(jobId, json, expiresAt(ttl, now), now);
            return null;
        });
    }

    @Override
    public Optional<String> getJson(long jobId) {
        return db.read(s -> s.dao(ResultDao.class).get(jobId, db.nowSeconds()));
    }

    @Override
    public <T> Optional<T> get(long jobId, Type type) {
        return getJson(jobId).map(json -> db.codec().decode(json, type));
    }

    @Override
    public Optional<String> awaitJson(long jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Args.timeoutNanos("result wait timeout", timeout);
        try (ChangeWaiter waiter = db.newWaiter()) {
            while (true) {
                Optional<String> json = getJson(jobId);
                long left = deadline - System.nanoTime();
                if (json.isPresent() || left <= 0) {
                    return json;
                }
                waiter.awaitAtMost(Duration.ofNanos(left));
            }
        }
    }

    @Override
    public boolean delete(long jobId) {
        return db.write(s -> s.dao(ResultDao.class).delete(jobId)) == 1;
    }

    @Override
    public int pruneExpired() {
        return db.write(s -> s.dao(ResultDao.class).pruneExpired(db.nowSeconds()));
    }
}
