package io.honkerj.jdbi.worker;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.Outbox;
import io.honkerj.api.OutboxOptions;
import io.honkerj.api.QueueOptions;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.queue.JdbiQueue;
import java.util.Objects;

/** {@link Outbox}: the queue {@code _outbox:<name>} with the outbox's lease and attempt budget. */
public final class JdbiOutbox implements Outbox {
    private final String name;
    private final OutboxOptions options;
    private final JdbiQueue queue;

    /**
     * Creates the outbox handle; nothing is written.
     *
     * @param db where enqueues run (the caller's transaction, if the honker is attached to one)
     * @param name the outbox name; not blank
     * @param options attempts, backoff, lease
     */
    public JdbiOutbox(Database db, String name, OutboxOptions options) {
        this.name = Args.requireName("outbox name", name);
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new JdbiQueue(db, QUEUE_PREFIX + name,
                new QueueOptions(options.visibilityTimeout(), options.maxAttempts()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String queueName() {
        return queue.name();
    }

    @Override
    public OutboxOptions options() {
        return options;
    }

    @Override
    public long enqueue(Object payload) {
        return queue.enqueue(payload);
    }

    @Override
    public long enqueue(Object payload, EnqueueOptions enqueueOptions) {
        return queue.enqueue(payload, enqueueOptions);
    }

    @Override
    public String toString() {
        return "Outbox[" + name + "]";
    }
}
