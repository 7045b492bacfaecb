-- Every lock and whether its lease is still running (1) or has lapsed (0), for honker.lock.held.
-- Served by: a scan of _honker_locks (one row per lock name).
SELECT name, CASE WHEN expires_at > :now THEN 1 ELSE 0 END AS held
FROM _honker_locks
