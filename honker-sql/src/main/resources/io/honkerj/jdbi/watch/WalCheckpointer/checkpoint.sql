-- The background checkpoint: copies what it can of the WAL back into the database file without waiting
-- for readers or writers (PASSIVE), on the checkpointer's own connection, so no committing thread pays
-- for it. Returns (busy, frames in the WAL, frames checkpointed); (0, -1, -1) when the file is not in WAL
-- mode. Served by: no table (the WAL and its index).
PRAGMA wal_checkpoint(PASSIVE)
