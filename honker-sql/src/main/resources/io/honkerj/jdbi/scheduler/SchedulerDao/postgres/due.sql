-- Running tasks whose next fire has come, by name, locked (FOR UPDATE) until the tick's transaction ends:
-- a second scheduler ticking the same boundary waits, then re-checks next_fire_at on the row the first
-- one moved and skips it, so each boundary is enqueued once. Rows are locked in name order (no deadlock
-- between two ticks). Scans the (small) table.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks WHERE enabled = 1 AND next_fire_at <= :now ORDER BY name
FOR UPDATE
