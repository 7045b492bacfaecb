-- Every lock row with its owner and lease end (a row past its end is expired but not yet taken over).
-- Served by: the primary key of _honker_locks (name), in order.
SELECT name, owner, expires_at
FROM _honker_locks
ORDER BY name
