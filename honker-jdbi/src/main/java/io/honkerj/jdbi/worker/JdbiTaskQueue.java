package io.honkerj.jdbi.worker;

import io.honkerj.api.EnqueueOptions;
import io.honkerj.api.QueueOptions;
import io.honkerj.api.TaskQueue;
import io.honkerj.jdbi.internal.Args;
import io.honkerj.jdbi.internal.Database;
import io.honkerj.jdbi.queue.JdbiQueue;
import java.util.List;
import java.util.Map;

/** {@link TaskQueue}: enqueues upstream task envelopes on a plain queue. */
public final class JdbiTaskQueue implements TaskQueue {
    private final JdbiQueue queue;

    /**
     * Creates the handle; nothing is written.
     *
     * @param db where enqueues run (the caller's transaction, if the honker is attached to one)
     * @param queue the queue name; not blank
     */
    public JdbiTaskQueue(Database db, String queue) {
        this.queue = new JdbiQueue(db, queue, QueueOptions.defaults());
    }

    @Override
    public String name() {
        return queue.name();
    }

    @Override
    public long enqueue(String task, List<?> args, Map<String, ?> kwargs) {
        return enqueue(task, args, kwargs, EnqueueOptions.defaults());
    }

    @Override
    public long enqueue(String task, List<?> args, Map<String, ?> kwargs, EnqueueOptions options) {
        Args.requireName("task name", task);
        return queue.enqueue(TaskEnvelope.of(task, args, kwargs), options);
    }

    @Override
    public String toString() {
        return "TaskQueue[" + queue.name() + "]";
    }
}
