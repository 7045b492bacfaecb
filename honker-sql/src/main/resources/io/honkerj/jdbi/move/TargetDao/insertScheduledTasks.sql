-- HonkerCopy, target (PostgreSQL): a batch of scheduled tasks, every column as it was: the next fire stays
-- the same boundary and a paused task (enabled = 0) stays paused.
INSERT INTO _honker_scheduler_tasks (name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled,
                                     max_attempts)
VALUES (:name, :queue, :cronExpr, :payload, :priority, :expiresS, :nextFireAt, :enabled, :maxAttempts)
