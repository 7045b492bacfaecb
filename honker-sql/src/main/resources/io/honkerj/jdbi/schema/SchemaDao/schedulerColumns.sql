-- Column names of _honker_scheduler_tasks, to find databases made before upstream added
-- `enabled` and `max_attempts` (the bootstrap migration adds them).
SELECT name FROM pragma_table_info('_honker_scheduler_tasks')
