package io.honkerj.jdbi.notify;

import io.honkerj.api.Listener;
import io.honkerj.api.ListenerClosedException;
import io.honkerj.api.Notification;
import io.honkerj.jdbi.watch.ChangeWaiter;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A listener: subscribes to changes first, then takes the channel's newest id, then reads the channel's
 * rows after the last one seen whenever woken (one indexed query), so no notification committed after
 * creation is missed and none from before is replayed.
 */
final class JdbiListener implements Listener {
    private static final int BATCH = 256;
    private static final Duration FOREVER = Duration.ofDays(365);
    private final Database db;
    private final String channel;
    private final ChangeWaiter waiter;
    private final ArrayDeque<Notification> buffer = new ArrayDeque<>();
    private long lastId;
    private volatile boolean closed;

    JdbiListener(Database db, String channel) {
        this.db = db;
        this.channel = channel;
        this.waiter = db.newWaiter();
        this.lastId = db.read(s -> s.dao(NotifyDao.class).newestId(channel));
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public Notification recv() throws InterruptedException {
        return recv(FOREVER).orElseThrow(() -> new ListenerClosedException(describe()));
    }

    @Override
    public synchronized Optional<Notification> recv(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Args.timeoutNanos("listener timeout", timeout);
        while (true) {
            if (closed) {
                throw new ListenerClosedException(describe());
            }
            if (buffer.isEmpty()) {
                fetch();
            }
            if (!buffer.isEmpty()) {
                return Optional.of(buffer.poll());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            waiter.awaitAtMost(Duration.ofNanos(left));
        }
    }

    private void fetch() {
        for (NotificationRow r : db.read(s -> s.dao(NotifyDao.class).since(channel, lastId, BATCH))) {
            buffer.add(new Notification(r.id(), r.channel(), r.payload(), Instant.ofEpochSecond(r.createdAt())));
            lastId = r.id();
        }
    }

    private String describe() {
        return "listener on channel '" + channel + "'";
    }

    @Override
    public void close() {
        closed = true;
        waiter.close();
    }
}
