-- Serializes enqueues of one queue's unique key, before uniqueJob looks for a holder. On SQLite the write
-- transaction it runs in (BEGIN IMMEDIATE) already holds the database's one write lock, so there is nothing
-- more to take: this only answers 1. Served by: no table.
SELECT 1
