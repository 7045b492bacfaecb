package io.honkerj.api;

/**
 * A honker database: the entry point to every primitive stored in one SQLite file.
 *
 * <p>Obtain one from {@code io.honkerj.jdbi.Honkers.open(Path)} (the library owns the connections) or from
 * {@code io.honkerj.jdbi.JdbiHonker.create(jdbi)} / {@code JdbiHonker.attach(handle)} (your Jdbi, or your
 * open handle and its transaction). Instances are thread-safe, except a view attached to a handle, which is
 * as thread-safe as the handle itself.
 */
public interface Honker extends AutoCloseable {

    /**
     * Returns the durable work queue with this name, using {@link QueueOptions#defaults()}.
     *
     * @param name the queue name, stored in {@code _honker_live.queue}; not blank
     * @return the queue; cheap to call, nothing is written
     * @throws IllegalArgumentException if the name is blank
     */
    Queue queue(String name);

    /**
     * Returns the durable work queue with this name and these options.
     *
     * @param name the queue name; not blank
     * @param options lease length and default attempt budget of this queue handle
     * @return the queue; cheap to call, nothing is written
     * @throws IllegalArgumentException if the name is blank
     */
    Queue queue(String name, QueueOptions options);

    /**
     * Returns the codec that turns payloads into JSON text and back.
     *
     * @return the codec this honker was built with
     */
    PayloadCodec codec();

    /**
     * Releases what this honker owns (connections it opened, watcher references). A view attached to a
     * caller's handle owns nothing and closing it does nothing to the handle.
     */
    @Override
    void close();
}
