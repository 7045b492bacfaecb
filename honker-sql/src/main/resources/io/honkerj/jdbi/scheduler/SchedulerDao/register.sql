-- Adds or replaces a task by name (upstream's honker_scheduler_register): everything is replaced but
-- `enabled`, so a paused task stays paused. Served by: the primary key (name).
INSERT INTO _honker_scheduler_tasks
  (name, queue, cron_expr, payload, priority, expires_s, next_fire_at, max_attempts)
VALUES (:name, :queue, :cron, :payload, :priority, :expiresS, :nextFireAt, :maxAttempts)
ON CONFLICT(name) DO UPDATE SET
  queue = excluded.queue, cron_expr = excluded.cron_expr, payload = excluded.payload,
  priority = excluded.priority, expires_s = excluded.expires_s, next_fire_at = excluded.next_fire_at,
  max_attempts = excluded.max_attempts
