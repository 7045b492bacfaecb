-- One task. Served by: the primary key (name).
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks WHERE name = :name
