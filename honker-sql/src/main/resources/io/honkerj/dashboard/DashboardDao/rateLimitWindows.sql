-- Every rate-limit window with its count, newest window first per limit.
-- Served by: the primary key of _honker_rate_limits (name, window_start).
SELECT name, window_start, count
FROM _honker_rate_limits
ORDER BY name, window_start DESC
LIMIT :limit
