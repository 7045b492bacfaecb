-- Migration of a database made before the attempt budget of scheduled jobs (as on SQLite); a no-op if it exists.
ALTER TABLE _honker_scheduler_tasks ADD COLUMN IF NOT EXISTS max_attempts integer NOT NULL DEFAULT 3
