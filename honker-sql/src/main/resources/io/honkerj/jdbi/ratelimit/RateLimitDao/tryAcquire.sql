-- Counts one call in the window starting at :windowStart if it has room, returning the new count; returns
-- no row when the window is full (rejected calls are not counted). Served by: the primary key.
INSERT INTO _honker_rate_limits (name, window_start, count) VALUES (:name, :windowStart, 1)
ON CONFLICT(name, window_start) DO UPDATE SET count = count + 1 WHERE count < :limit
RETURNING count
