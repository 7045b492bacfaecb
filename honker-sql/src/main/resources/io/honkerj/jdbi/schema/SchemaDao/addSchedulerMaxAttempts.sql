-- Migration of an older upstream database: the attempt budget of jobs a scheduled task enqueues.
ALTER TABLE _honker_scheduler_tasks ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 3
