-- Rewrites a task's fields after honker_scheduler_update decided them (NULL-means-unchanged is resolved in
-- Java from the current row). PostgreSQL: NOTIFY honker_scheduler with the task's name sent in the same
-- statement (the row is updated only through the join with the notifying subquery), delivered at commit:
-- it wakes a sleeping leader. Served by: the primary key (name).
UPDATE _honker_scheduler_tasks
SET cron_expr = :cron, payload = :payload, priority = :priority, expires_s = :expiresS,
    max_attempts = :maxAttempts, next_fire_at = :nextFireAt
FROM (SELECT pg_notify('honker_scheduler', CAST(:name AS text))) AS wake
WHERE name = :name
