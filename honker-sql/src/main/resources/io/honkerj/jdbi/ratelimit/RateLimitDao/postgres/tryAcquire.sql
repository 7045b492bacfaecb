-- Counts one call in the window starting at :windowStart if it has room, returning the new count; returns
-- no row when the window is full (rejected calls are not counted). The shared statement with the table's
-- columns qualified (PostgreSQL finds a bare `count` ambiguous beside excluded's). Atomic under READ
-- COMMITTED: a racing call waits on the row's lock and re-checks the WHERE on the count the other committed,
-- so a window never counts more than :limit. Served by: the primary key.
INSERT INTO _honker_rate_limits AS r (name, window_start, count) VALUES (:name, :windowStart, 1)
ON CONFLICT (name, window_start) DO UPDATE SET count = r.count + 1 WHERE r.count < :limit
RETURNING r.count
