-- HonkerCopy, source (SQLite): every scheduled task of _honker_scheduler_tasks with its next fire and its
-- pause flag, in name order (the primary key). A file made before upstream's enabled/max_attempts
-- migration lacks those columns: HonkerCopy then asks to open it once with honker, which adds them.
SELECT name, queue, cron_expr, payload, priority, expires_s, next_fire_at, enabled, max_attempts
FROM _honker_scheduler_tasks
ORDER BY name
