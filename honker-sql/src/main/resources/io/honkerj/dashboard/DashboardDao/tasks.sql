-- Every scheduled task, by name, as stored by any binding.
-- Served by: the primary key of _honker_scheduler_tasks (name), in order.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks
ORDER BY name
