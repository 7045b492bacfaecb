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
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener: subscribes to changes first, then takes the channel's newest id, then reads the channel's
 * rows after the last one seen whenever woken (one indexed query), so no notification committed after
 * creation is missed and none from before is replayed.
 *
 * <p>Notifications sent by this JVM's honkers on the same file come faster: the sender hands each one over
 * right after its commit ({@link Handoff}) and wakes this listener, which delivers it without a read when it
 * is the next of the channel after the last one delivered; anything else (another process's notifications, a
 * handoff that arrives out of turn) comes from the read, which skips ids already delivered.
 */
final class JdbiListener implements Listener {
    private static final int BATCH = 256;
    /** Handoffs held at most; past that a listener not calling recv gets the rest by reading. */
    static final int MAX_HANDED = 1024;
    private static final Duration FOREVER = Duration.ofDays(365);
    private final Database db;
    private final String channel;
    private final ChangeWaiter waiter;
    private final LocalDelivery.Key localKey;
    private final ArrayDeque<Notification> buffer = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Handoff> handed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedCount = new AtomicInteger();
    private long lastId;
    private volatile long handedOff;
    private volatile boolean closed;

    JdbiListener(Database db, String channel) {
        this.db = db;
        this.channel = channel;
        this.waiter = db.newWaiter();
        this.localKey = db.identity().map(d -> LocalDelivery.key(d, channel)).orElse(null);
        if (localKey != null) {
            LocalDelivery.register(localKey, this); // before the newest id: a handoff at or below it is dropped
        }
        try {
            this.lastId = db.read(s -> s.dao(NotifyDao.class).newestId(channel));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
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
                takeHanded();
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

    /** Called by a sender inside its transaction; false (not held) when this listener already holds enough. */
    void offer(Handoff h) {
        if (closed || handedCount.incrementAndGet() > MAX_HANDED) {
            handedCount.decrementAndGet();
            return;
        }
        handed.add(h);
    }

    /** Called by a sender after its commit. */
    void wake() {
        waiter.wake();
    }

    /**
     * Delivers the committed handoffs that continue the channel from the last id delivered; drops the
     * others that are settled (aborted, already read, or out of turn: the read gets those); leaves the
     * pending ones.
     */
    private void takeHanded() {
        for (Iterator<Handoff> it = handed.iterator(); it.hasNext(); ) {
            Handoff h = it.next();
            int state = h.state();
            if (state == Handoff.PENDING) {
                continue;
            }
            it.remove();
            handedCount.decrementAndGet();
            if (state == Handoff.COMMITTED && h.previousId() == lastId && h.notification().id() > lastId) {
                buffer.add(h.notification());
                lastId = h.notification().id();
                handedOff++;
            }
        }
    }

    /** @return how many notifications this listener took from a sender's handoff instead of a read */
    long handedOff() {
        return handedOff;
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
        if (localKey != null) {
            LocalDelivery.unregister(localKey, this);
        }
        handed.clear();
        waiter.close();
    }
}
