-- Every task, by name (upstream's honker_scheduler_list order). Scans the (small) table.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks ORDER BY name
