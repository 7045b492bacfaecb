-- How many of honker's ten tables, honker-jdbi's two and the scheduler's migrated columns are missing: 0 means bootstrap has
-- nothing to do. Lets attach(handle) skip the DDL on every call.
SELECT (12 - (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (
          '_honker_live', '_honker_dead', '_honker_locks', '_honker_rate_limits', '_honker_scheduler_tasks',
          '_honker_results', '_honker_stream', '_honker_stream_consumers', '_honker_notifications',
          'sqlite_sequence', '_honkerj_unique_jobs', '_honkerj_paused_queues')))
     + (2 - (SELECT count(*) FROM pragma_table_info('_honker_scheduler_tasks')
             WHERE name IN ('enabled', 'max_attempts')))
