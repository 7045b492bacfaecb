/**
 * The honker api: interfaces and immutable value types a user programs against. No Jdbi, JDBC or JSON
 * library appears here; {@code io.honkerj.jdbi} implements it.
 */
package io.honkerj.api;
