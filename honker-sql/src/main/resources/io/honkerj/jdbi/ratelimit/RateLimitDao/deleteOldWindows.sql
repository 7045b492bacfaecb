-- Drops this limit's windows that ended before the current one, so the table does not grow with time.
-- Served by: the primary key prefix (name, window_start <).
DELETE FROM _honker_rate_limits WHERE name = :name AND window_start < :windowStart
