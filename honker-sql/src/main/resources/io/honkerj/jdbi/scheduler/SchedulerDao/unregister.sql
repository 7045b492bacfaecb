-- Removes a task. Served by: the primary key (name).
DELETE FROM _honker_scheduler_tasks WHERE name = :name
