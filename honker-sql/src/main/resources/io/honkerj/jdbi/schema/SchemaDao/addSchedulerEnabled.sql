-- Migration of a pre-0.3 upstream database: the pause flag of scheduled tasks.
ALTER TABLE _honker_scheduler_tasks ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1
