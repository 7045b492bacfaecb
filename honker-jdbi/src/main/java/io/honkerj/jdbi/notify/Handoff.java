package io.honkerj.jdbi.notify;

import io.honkerj.api.Notification;
import java.util.Set;

/**
 * One notification sent by this JVM, on its way to this JVM's listeners of its channel without a read.
 * The sender offers it to them inside its transaction (pending), then marks it committed once its write
 * returned with the transaction committed (and wakes them), or aborted if the write failed or only joined a
 * caller's transaction (whose commit it cannot see; the listeners then read it as any other). A listener
 * takes a committed handoff only if it carries the next id of the channel after the last one the listener
 * delivered ({@link #previousId()} is the channel's id before it, read in the sender's transaction), so
 * order and exactly-once hold whatever the threads' timing; anything else it leaves to its next read.
 */
final class Handoff {
    static final int PENDING = 0;
    static final int COMMITTED = 1;
    static final int ABORTED = 2;

    private final Set<JdbiListener> targets;
    private volatile int state = PENDING;
    private boolean offered;
    private Notification notification;
    private long previousId;

    Handoff(Set<JdbiListener> targets) {
        this.targets = targets;
    }

    /**
     * Called inside the sender's transaction, once per attempt: records what was inserted and, the first
     * time, offers this handoff to the listeners.
     */
    void inserted(Notification n, long previousId) {
        this.notification = n;
        this.previousId = previousId;
        if (!offered) {
            offered = true;
            for (JdbiListener l : targets) {
                l.offer(this);
            }
        }
    }

    /** The sender's transaction committed: the listeners may take it now. */
    void committed() {
        if (offered) {
            state = COMMITTED;
            for (JdbiListener l : targets) {
                l.wake();
            }
        }
    }

    /** The notification is not known to be committed: the listeners drop the handoff (and read instead). */
    void aborted() {
        state = ABORTED;
    }

    /** @return {@link #PENDING}, {@link #COMMITTED} or {@link #ABORTED} */
    int state() {
        return state;
    }

    /** @return the notification; read only after {@link #state()} returned {@link #COMMITTED} */
    Notification notification() {
        return notification;
    }

    /** @return the channel's id before it; read only after {@link #state()} returned {@link #COMMITTED} */
    long previousId() {
        return previousId;
    }
}
