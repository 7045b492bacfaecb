-- Running tasks whose next fire has come, in the table's own (rowid) order: the order upstream's
-- honker_scheduler_tick visits them (its SELECT has no ORDER BY and scans the table), so the SQL function's
-- fires come out in upstream's order. Scans the (small) table.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks WHERE enabled = 1 AND next_fire_at <= :now ORDER BY rowid
