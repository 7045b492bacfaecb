/**
 * Plumbing shared by the rooms of honker-jdbi: how a primitive gets a handle and a transaction, retries on a
 * busy database, and checks its arguments. Not api: types here may change without notice.
 */
package io.honkerj.jdbi.internal;
