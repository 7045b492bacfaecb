-- Rewrites a task's fields after honker_scheduler_update decided them (NULL-means-unchanged is resolved in
-- Java from the current row). Served by: the primary key (name).
UPDATE _honker_scheduler_tasks
SET cron_expr = :cron, payload = :payload, priority = :priority, expires_s = :expiresS,
    max_attempts = :maxAttempts, next_fire_at = :nextFireAt
WHERE name = :name
