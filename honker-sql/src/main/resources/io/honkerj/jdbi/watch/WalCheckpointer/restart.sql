-- The background checkpoint once the WAL is long and writes never pause: copies what is left of the WAL and,
-- if it can take the write lock at once (the checkpointer's connection has no busy timeout, so it never
-- waits) and no reader still needs the WAL, marks it to start over, so the next writer writes from its
-- beginning and the WAL stays bounded. When a writer or a reader is in the way it does what PASSIVE does and
-- reports busy. Returns (busy, frames in the WAL, frames checkpointed). Served by: no table (the WAL and its
-- index).
PRAGMA wal_checkpoint(RESTART)
