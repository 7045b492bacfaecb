package io.honkerj.jdbi.stream;

import io.honkerj.api.Stream;
import io.honkerj.api.StreamEvent;
import io.honkerj.api.SubscribeOptions;
import io.honkerj.api.Subscription;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A {@link Stream} on a honker {@link Database}. */
public final class JdbiStream implements Stream {
    private final Database db;
    private final String topic;

    /**
     * Creates a stream handle; nothing is written.
     *
     * @param db where statements run
     * @param topic the topic; not blank
     */
    public JdbiStream(Database db, String topic) {
        this.db = Objects.requireNonNull(db, "db");
        this.topic = Args.requireName("stream topic", topic);
    }

    Database db() {
        return db;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public long publish(Object payload) {
        return publish(null, payload);
    }

    @Override
    public long publish(String key, Object payload) {
        Args.requireWellFormed("stream key", key);
        String json = db.codec().encode(payload);
        return db.write(s -> s.dao(StreamDao.class).publish(topic, key, json, db.nowSeconds()));
    }

    @Override
    public List<StreamEvent> readSince(long offset, int limit) {
        Args.requirePositive("stream read limit", limit);
        return db.read(s -> s.dao(StreamDao.class).readSince(topic, offset, limit)).stream()
                .map(JdbiStream::toEvent).toList();
    }

    static StreamEvent toEvent(StreamEventRow r) {
        return new StreamEvent(r.offset(), r.topic(), r.key(), r.payload(), Instant.ofEpochSecond(r.createdAt()));
    }

    @Override
    public boolean saveOffset(String consumer, long offset) {
        Args.requireName("consumer", consumer);
        return db.write(s -> s.dao(StreamDao.class).saveOffset(consumer, topic, offset)) == 1;
    }

    @Override
    public long getOffset(String consumer) {
        Args.requireName("consumer", consumer);
        return db.read(s -> s.dao(StreamDao.class).getOffset(consumer, topic));
    }

    @Override
    public Subscription subscribe(String consumer) {
        return subscribe(consumer, SubscribeOptions.defaults());
    }

    @Override
    public Subscription subscribe(String consumer, SubscribeOptions options) {
        Args.requireName("consumer", consumer);
        return new JdbiSubscription(this, consumer, Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "Stream[" + topic + "]";
    }
}
