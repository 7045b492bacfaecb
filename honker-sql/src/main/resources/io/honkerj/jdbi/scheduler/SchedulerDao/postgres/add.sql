-- Adds or replaces a task by name (Scheduler.add): everything is replaced but `enabled` (a paused task stays
-- paused) and, when the cron expression is unchanged, `next_fire_at`, so a process adding its tasks at
-- start-up drops no boundary the leader has not fired yet. A changed expression takes :nextFireAt (the
-- first boundary after now). Upstream's honker_scheduler_register (register.sql) always recomputes it.
-- PostgreSQL: the existing row's columns qualified (a bare one is ambiguous beside excluded's), and NOTIFY
-- honker_scheduler with the task's name sent in the same statement (INSERT ... SELECT from the notifying
-- one-row subquery), delivered at commit: it wakes a sleeping leader, whose next fire may now be sooner.
-- Served by: the primary key (name).
INSERT INTO _honker_scheduler_tasks AS t
  (name, queue, cron_expr, payload, priority, expires_s, next_fire_at, max_attempts)
SELECT CAST(:name AS text), CAST(:queue AS text), CAST(:cron AS text), CAST(:payload AS text),
       CAST(:priority AS integer), CAST(:expiresS AS bigint), CAST(:nextFireAt AS bigint),
       CAST(:maxAttempts AS integer)
FROM (SELECT pg_notify('honker_scheduler', CAST(:name AS text))) AS wake
ON CONFLICT (name) DO UPDATE SET
  queue = excluded.queue, payload = excluded.payload, priority = excluded.priority,
  expires_s = excluded.expires_s, max_attempts = excluded.max_attempts,
  next_fire_at = CASE WHEN t.cron_expr = excluded.cron_expr THEN t.next_fire_at ELSE excluded.next_fire_at END,
  cron_expr = excluded.cron_expr
