-- Column names of _honker_scheduler_tasks in the current schema, to find databases made before
-- `enabled` and `max_attempts` (the bootstrap migration adds them).
SELECT CAST(column_name AS text) FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = '_honker_scheduler_tasks'
ORDER BY ordinal_position
