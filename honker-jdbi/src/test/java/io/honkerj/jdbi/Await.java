package io.honkerj.jdbi;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline; never a fixed sleep, never a timing assertion. */
public final class Await {
    private Await() {}

    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Timed out after " + deadline + " waiting for " + what);
            }
            LockSupport.parkNanos(20_000_000);
        }
    }
}
