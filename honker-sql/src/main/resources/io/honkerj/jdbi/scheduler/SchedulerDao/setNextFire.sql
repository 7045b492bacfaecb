-- Persists a task's next fire after a tick. Served by: the primary key (name).
UPDATE _honker_scheduler_tasks SET next_fire_at = :nextFireAt WHERE name = :name
