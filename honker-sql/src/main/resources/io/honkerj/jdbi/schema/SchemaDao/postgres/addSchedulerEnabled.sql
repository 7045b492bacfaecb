-- Migration of a database made before the scheduler's pause flag (as on SQLite); a no-op if it exists.
ALTER TABLE _honker_scheduler_tasks ADD COLUMN IF NOT EXISTS enabled integer NOT NULL DEFAULT 1
