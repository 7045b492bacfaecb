package io.honkerj.api;

/** A lock operation needed the lock, but this owner no longer holds it (released, expired or taken). */
public final class LockNotHeldException extends HonkerException {
    private static final long serialVersionUID = 1L;
    /** The lock. */
    private final String lockName;
    /** The owner that lost it. */
    private final String owner;

    /**
     * Creates the exception.
     *
     * @param lockName the lock
     * @param owner the owner that lost it
     */
    public LockNotHeldException(String lockName, String owner) {
        super("Lock is no longer held (lock: " + lockName + ", owner: " + owner + ")");
        this.lockName = lockName;
        this.owner = owner;
    }

    /** @return the lock name */
    public String lockName() {
        return lockName;
    }

    /** @return the owner that lost the lock */
    public String owner() {
        return owner;
    }
}
