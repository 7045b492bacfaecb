package io.honkerj.jdbi.notify;

import io.honkerj.api.Listener;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Notify/listen on a honker {@link Database}, with optional automatic pruning: when a retention is set,
 * about one notify in {@value #PRUNE_ONE_IN} also prunes, in the same transaction, so the table stays
 * bounded without a timer thread (and without state, so it works on views attached to a caller's handle).
 */
public final class JdbiNotifications {
    static final int PRUNE_ONE_IN = 256;
    private final Database db;
    private final NotificationRetention retention;

    /**
     * Creates the service.
     *
     * @param db where statements run
     * @param retention automatic pruning, or null for none (upstream's behaviour)
     */
    public JdbiNotifications(Database db, NotificationRetention retention) {
        this.db = Objects.requireNonNull(db, "db");
        this.retention = retention;
    }

    /**
     * Sends a notification (see {@link io.honkerj.api.Honker#notify(String, Object)}).
     *
     * @param channel the channel
     * @param payload the payload
     * @return its id
     */
    public long notify(String channel, Object payload) {
        Args.requireName("channel", channel);
        String json = db.codec().encode(payload);
        boolean prune = retention != null && ThreadLocalRandom.current().nextInt(PRUNE_ONE_IN) == 0;
        return db.write(s -> {
            long now = db.nowSeconds();
            long id = s.dao(NotifyDao.class).insert(channel, json, now);
            if (prune) {
                prune(s.dao(NotifyDao.class), now, retention.olderThan().getSeconds(), retention.maxKeep());
            }
            return id;
        });
    }

    /**
     * Starts listening (see {@link io.honkerj.api.Honker#listen(String)}).
     *
     * @param channel the channel
     * @return the listener
     */
    public Listener listen(String channel) {
        Args.requireName("channel", channel);
        return new JdbiListener(db, channel);
    }

    /**
     * Prunes (see {@link io.honkerj.api.Honker#pruneNotifications(Duration, int)}).
     *
     * @param olderThan the age
     * @param maxKeep the most to keep
     * @return rows deleted
     */
    public int prune(Duration olderThan, int maxKeep) {
        long age = Args.requireNonNegativeSeconds("notification age", olderThan);
        if (maxKeep < 0) {
            throw new IllegalArgumentException("maxKeep must not be negative, got " + maxKeep);
        }
        return db.write(s -> prune(s.dao(NotifyDao.class), db.nowSeconds(), age, maxKeep));
    }

    private static int prune(NotifyDao dao, long now, long ageSeconds, int maxKeep) {
        return dao.prune(now - ageSeconds, dao.keepFromId(maxKeep));
    }
}
