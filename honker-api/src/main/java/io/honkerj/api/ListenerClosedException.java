package io.honkerj.api;

/** A listener or subscription was closed while (or before) a thread waited on it. */
public final class ListenerClosedException extends HonkerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param what what was closed, e.g. "listener on channel 'orders'"
     */
    public ListenerClosedException(String what) {
        super(what + " is closed");
    }
}
