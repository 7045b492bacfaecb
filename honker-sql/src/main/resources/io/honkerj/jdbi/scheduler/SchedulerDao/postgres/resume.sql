-- Resumes a paused task with a next fire computed from now (upstream keeps the stale one and back-fills).
-- PostgreSQL: NOTIFY honker_scheduler with the task's name sent in the same statement (the row is updated
-- only through the join with the notifying subquery), delivered at commit: it wakes a sleeping leader.
-- Served by: the primary key (name).
UPDATE _honker_scheduler_tasks SET enabled = 1, next_fire_at = :nextFireAt
FROM (SELECT pg_notify('honker_scheduler', CAST(:name AS text))) AS wake
WHERE name = :name AND enabled = 0
