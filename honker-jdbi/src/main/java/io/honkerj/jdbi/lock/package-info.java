/**
 * Advisory locks: named leases in {@code _honker_locks} that at most one owner holds at a time. Statements:
 * {@code io/honkerj/jdbi/lock/LockDao/<method>.sql}.
 */
package io.honkerj.jdbi.lock;
