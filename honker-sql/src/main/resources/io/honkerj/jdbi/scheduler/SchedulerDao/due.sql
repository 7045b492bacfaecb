-- Running tasks whose next fire has come, by name. Scans the (small) table.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks WHERE enabled = 1 AND next_fire_at <= :now ORDER BY name
