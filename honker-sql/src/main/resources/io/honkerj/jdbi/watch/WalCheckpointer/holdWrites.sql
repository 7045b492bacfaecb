-- Takes the write lock on the checkpointer's second connection (no busy timeout: fails at once while a
-- writer holds it, and the checkpointer tries again), so writers wait while the checkpointer's own
-- connection copies the rest of a long WAL (checkpoint.sql) that writes which never pause would otherwise
-- never let it finish; the next writer then starts the WAL over. Writes nothing; releaseWrites.sql ends it.
-- Served by: no table (the database's write lock).
BEGIN IMMEDIATE
