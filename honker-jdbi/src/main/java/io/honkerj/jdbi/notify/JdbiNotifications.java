package io.honkerj.jdbi.notify;

import io.honkerj.api.Listener;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;

/**
 * Notify/listen on a honker {@link Database}, with optional automatic pruning: when a retention is set,
 * about one notify in {@value #PRUNE_ONE_IN} also prunes, in the same transaction, so the table stays
 * bounded without a timer thread (and without state, so it works on views attached to a caller's handle).
 * A notification committed by {@link #notify} is also handed straight to this JVM's listeners of its file
 * and channel (see {@link Handoff}), so they need not read it back.
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
        Handoff handoff = localHandoff(channel);
        Handle[] ranOn = new Handle[1];
        long id;
        try {
            id = db.write(s -> {
                long now = db.nowSeconds();
                SentRow sent = s.dao(NotifyDao.class).insert(channel, json, now);
                if (prune) {
                    prune(s.dao(NotifyDao.class), now, retention.olderThan().getSeconds(), retention.maxKeep());
                }
                if (handoff != null) {
                    ranOn[0] = s.handle();
                    handoff.inserted(new Notification(sent.id(), channel, json, Instant.ofEpochSecond(now)),
                            sent.previousId());
                }
                return sent.id();
            });
        } catch (RuntimeException | Error e) {
            if (handoff != null) {
                handoff.aborted();
            }
            throw e;
        }
        if (handoff != null) {
            if (committedOwnTransaction(ranOn[0])) {
                handoff.committed();
            } else {
                handoff.aborted();
            }
        }
        return id;
    }

    /** A handoff to this JVM's listeners of the channel, or null if there are none (or a memory database). */
    private Handoff localHandoff(String channel) {
        Object database = db.identity().orElse(null);
        if (database == null) {
            return null;
        }
        Set<JdbiListener> targets = LocalDelivery.listeners(LocalDelivery.key(database, channel));
        return targets == null || targets.isEmpty() ? null : new Handoff(Set.copyOf(targets));
    }

    /**
     * Whether the write that ran on {@code handle} opened its own transaction and committed it: it returned
     * normally and left the handle outside a transaction. Inside a caller's transaction the handle is still
     * in it (the same thread holds it), so the caller's commit is yet to come. A handle already handed to
     * another user or closed can only answer "in a transaction" or fail: the handoff is then dropped and
     * the listeners read the notification instead.
     */
    private static boolean committedOwnTransaction(Handle handle) {
        try {
            return handle != null && !handle.isInTransaction();
        } catch (RuntimeException e) {
            return false;
        }
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
