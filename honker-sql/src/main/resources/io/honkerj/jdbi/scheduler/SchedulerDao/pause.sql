-- Pauses a running task (1 row only if it was running). Served by: the primary key (name).
UPDATE _honker_scheduler_tasks SET enabled = 0 WHERE name = :name AND enabled = 1
