package io.honkerj.jdbi.stream;

import io.honkerj.api.ListenerClosedException;
import io.honkerj.api.StreamEvent;
import io.honkerj.api.SubscribeOptions;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.watch.ChangeWaiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * A subscription, at least once as upstream's Python: the offset of an event is saved only once the
 * consumer comes back for the next one (when the count or time threshold is met) or closes; so after a
 * crash the consumer sees again, at most, the events since the last save.
 */
final class JdbiSubscription implements Subscription {
    private static final int BATCH = 256;
    private static final Duration FOREVER = Duration.ofDays(365);
    private final JdbiStream stream;
    private final String consumer;
    private final SubscribeOptions options;
    private final ChangeWaiter waiter;
    private final ArrayDeque<StreamEvent> buffer = new ArrayDeque<>();
    private long readPosition;
    private long handedOut;
    private long saved;
    private int handedSinceSave;
    private long lastSaveNanos = System.nanoTime();
    private volatile boolean closed;

    JdbiSubscription(JdbiStream stream, String consumer, SubscribeOptions options) {
        this.stream = stream;
        this.consumer = consumer;
        this.options = options;
        this.waiter = stream.db().newWaiter();
        this.saved = stream.getOffset(consumer);
        this.readPosition = options.fromOffset() != null ? options.fromOffset() : saved;
        this.handedOut = readPosition;
    }

    @Override
    public String consumer() {
        return consumer;
    }

    @Override
    public String topic() {
        return stream.topic();
    }

    @Override
    public StreamEvent next() throws InterruptedException {
        return next(FOREVER).orElseThrow(() -> new ListenerClosedException(describe()));
    }

    @Override
    public synchronized Optional<StreamEvent> next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Args.timeoutNanos("subscription timeout", timeout);
        while (true) {
            if (closed) {
                throw new ListenerClosedException(describe());
            }
            if (buffer.isEmpty()) {
                for (StreamEvent e : stream.readSince(readPosition, BATCH)) {
                    buffer.add(e);
                    readPosition = e.offset();
                }
            }
            if (!buffer.isEmpty()) {
                saveIfDue();
                StreamEvent e = buffer.poll();
                handedOut = e.offset();
                handedSinceSave++;
                return Optional.of(e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            waiter.awaitAtMost(Duration.ofNanos(left));
        }
    }

    /** Saves the last event handed out (not the one about to be) when a threshold is met. */
    private void saveIfDue() {
        boolean byCount = options.saveEveryEvents() > 0 && handedSinceSave >= options.saveEveryEvents();
        boolean byTime = !options.saveEvery().isZero()
                && System.nanoTime() - lastSaveNanos >= Args.saturatedNanos(options.saveEvery());
        if ((byCount || byTime) && handedOut > saved) {
            save();
        }
    }

    private void save() {
        stream.saveOffset(consumer, handedOut);
        saved = handedOut;
        handedSinceSave = 0;
        lastSaveNanos = System.nanoTime();
    }

    private String describe() {
        return "subscription of '" + consumer + "' to stream '" + stream.topic() + "'";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        waiter.close();
        synchronized (this) {
            if (handedOut > saved) {
                save();
            }
        }
    }
}
