-- Resumes a paused task with a next fire computed from now (upstream keeps the stale one and back-fills).
-- Served by: the primary key (name).
UPDATE _honker_scheduler_tasks SET enabled = 1, next_fire_at = :nextFireAt WHERE name = :name AND enabled = 0
