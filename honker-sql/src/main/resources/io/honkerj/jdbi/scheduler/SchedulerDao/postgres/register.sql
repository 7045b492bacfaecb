-- Adds or replaces a task by name (upstream's honker_scheduler_register): everything is replaced but
-- `enabled`, so a paused task stays paused. PostgreSQL: NOTIFY honker_scheduler with the task's name sent in
-- the same statement (INSERT ... SELECT from the notifying one-row subquery), delivered at commit: it wakes
-- a sleeping leader. Served by: the primary key (name).
INSERT INTO _honker_scheduler_tasks
  (name, queue, cron_expr, payload, priority, expires_s, next_fire_at, max_attempts)
SELECT CAST(:name AS text), CAST(:queue AS text), CAST(:cron AS text), CAST(:payload AS text),
       CAST(:priority AS integer), CAST(:expiresS AS bigint), CAST(:nextFireAt AS bigint),
       CAST(:maxAttempts AS integer)
FROM (SELECT pg_notify('honker_scheduler', CAST(:name AS text))) AS wake
ON CONFLICT (name) DO UPDATE SET
  queue = excluded.queue, cron_expr = excluded.cron_expr, payload = excluded.payload,
  priority = excluded.priority, expires_s = excluded.expires_s, next_fire_at = excluded.next_fire_at,
  max_attempts = excluded.max_attempts
