-- Ends holdWrites.sql's transaction, which wrote nothing: writers go on, and the next one starts the WAL over
-- from its beginning if the checkpoint copied all of it. Served by: no table.
ROLLBACK
