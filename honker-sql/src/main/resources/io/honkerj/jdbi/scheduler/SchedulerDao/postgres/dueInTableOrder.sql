-- Running tasks whose next fire has come, in the table's physical (ctid) order, PostgreSQL's nearest to
-- SQLite's rowid order that upstream's honker_scheduler_tick visits; locked as due.sql. Only the SQL
-- function uses it, which PostgreSQL does not have (Engine.javaSqlFunctions); kept so the DAO is complete.
-- Scans the (small) table.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks WHERE enabled = 1 AND next_fire_at <= :now ORDER BY ctid
FOR UPDATE
