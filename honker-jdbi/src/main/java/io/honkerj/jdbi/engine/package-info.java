/**
 * The database engine under the rooms: which one a connection is ({@link io.honkerj.jdbi.engine.Engine},
 * found from the connection's metadata), what it can do (capability flags, so rooms never ask "is this
 * PostgreSQL?"), and where its statements are ({@link io.honkerj.jdbi.engine.EngineSqlLocator}: the engine's
 * {@code <Dao>/<engine>/<method>.sql} first, the shared {@code <Dao>/<method>.sql} otherwise).
 */
package io.honkerj.jdbi.engine;
