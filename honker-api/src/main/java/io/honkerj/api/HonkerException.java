package io.honkerj.api;

/**
 * The root of every exception honker throws: unchecked, and named after what failed.
 *
 * <p>Subclasses keep the name of the primitive they concern (queue, lock, task...) and the bad value
 * in their message, so that a log line alone says what to fix.
 */
public abstract class HonkerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, naming the bad value
     */
    protected HonkerException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed, naming the bad value
     * @param cause the underlying failure
     */
    protected HonkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
