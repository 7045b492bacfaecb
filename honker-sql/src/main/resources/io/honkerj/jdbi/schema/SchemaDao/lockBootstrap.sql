-- Serializes bootstraps. On SQLite the write transaction bootstrap runs in (BEGIN IMMEDIATE) already holds
-- the database's one write lock, so there is nothing more to take: this only answers 1.
SELECT 1
