-- HonkerCopy, source (SQLite): every rate-limit window of _honker_rate_limits with its count, so a window
-- in progress keeps what it has used (the move does not hand out a second allowance). Primary-key order.
SELECT name, window_start, count
FROM _honker_rate_limits
ORDER BY name, window_start
