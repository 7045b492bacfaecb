package io.honkerj.jdbi.lock;

/** Who holds a lock and until when (unix seconds). */
record HolderRow(String owner, long expiresAt) {}
