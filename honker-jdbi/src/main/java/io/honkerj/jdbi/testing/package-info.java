/**
 * Helpers for your own tests: a {@link io.honkerj.jdbi.testing.SettableClock} to move time instead of
 * sleeping, and {@link io.honkerj.jdbi.testing.QueueAssertions} to check what your code enqueued. Run
 * handlers synchronously with {@link io.honkerj.jdbi.worker.ManualWorker}.
 */
package io.honkerj.jdbi.testing;
