/**
 * Plumbing shared by the rooms of honker-jdbi: how a primitive gets a handle and a transaction, retries on a
 * busy database, and checks its arguments. Not api: types here may change without notice.
 *
 * <p>Where honker's statements run, by how the honker was made:
 * <ul>
 *   <li>{@code Honkers.open}: {@link io.honkerj.jdbi.internal.PooledDatabase} on a Jdbi built for honker
 *       ({@link io.honkerj.jdbi.internal.ImmediateTransactionHandler},
 *       {@link io.honkerj.jdbi.internal.CachingStatementBuilder}).</li>
 *   <li>{@code JdbiHonker.create(jdbi)}: {@link io.honkerj.jdbi.internal.PooledDatabase#borrowing} keeps a few
 *       handles opened from your Jdbi (so connections of your pool), your transaction handler, honker's
 *       statements kept prepared.</li>
 *   <li>{@code JdbiHonker.attach(handle)} and the views of {@code inTransaction}:
 *       {@link io.honkerj.jdbi.internal.HandleDatabase} on your handle's transaction, through honker's DAOs
 *       kept per physical connection ({@link io.honkerj.jdbi.internal.CallerSessions}).</li>
 * </ul>
 * After any failure, {@link io.honkerj.jdbi.internal.SqliteConnections} decides from SQLite's own state
 * whether a connection is out of its transaction before it goes back to a pool, and whether a kept
 * statement must be prepared again.
 */
package io.honkerj.jdbi.internal;
