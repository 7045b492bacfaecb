-- Adds or replaces a task by name (Scheduler.add): everything is replaced but `enabled` (a paused task stays
-- paused) and, when the cron expression is unchanged, `next_fire_at`, so a process adding its tasks at
-- start-up drops no boundary the leader has not fired yet. A changed expression takes :nextFireAt (the
-- first boundary after now). Upstream's honker_scheduler_register (register.sql) always recomputes it.
-- Served by: the primary key (name).
INSERT INTO _honker_scheduler_tasks
  (name, queue, cron_expr, payload, priority, expires_s, next_fire_at, max_attempts)
VALUES (:name, :queue, :cron, :payload, :priority, :expiresS, :nextFireAt, :maxAttempts)
ON CONFLICT(name) DO UPDATE SET
  queue = excluded.queue, payload = excluded.payload, priority = excluded.priority,
  expires_s = excluded.expires_s, max_attempts = excluded.max_attempts,
  next_fire_at = CASE WHEN cron_expr = excluded.cron_expr THEN next_fire_at ELSE excluded.next_fire_at END,
  cron_expr = excluded.cron_expr
