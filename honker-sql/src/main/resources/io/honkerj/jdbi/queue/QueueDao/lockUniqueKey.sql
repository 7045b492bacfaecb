-- Holds a queue's unique key until commit, where writers run at once. On SQLite the write transaction
-- (BEGIN IMMEDIATE) already admits one writer at a time, so the library never calls this there; the
-- statement only keeps one file per method and engine.
SELECT 1
