-- Calls counted in the current window. Served by: the primary key.
SELECT count FROM _honker_rate_limits WHERE name = :name AND window_start = :windowStart
