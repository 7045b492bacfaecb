-- How many of honker's nine tables, honker-jdbi's two, the scheduler's migrated columns and the two SQL
-- functions of sqlFunctions.sql (notify, _honkerj_notify) are missing from the current schema (the first
-- of the search_path): 0 means bootstrap has nothing to do. PostgreSQL has
-- no sqlite_sequence: identities keep their own sequences.
SELECT CAST((11 - (SELECT count(*) FROM information_schema.tables
                   WHERE table_schema = current_schema() AND table_name IN (
          '_honker_live', '_honker_dead', '_honker_locks', '_honker_rate_limits', '_honker_scheduler_tasks',
          '_honker_results', '_honker_stream', '_honker_stream_consumers', '_honker_notifications',
          '_honkerj_unique_jobs', '_honkerj_paused_queues')))
     + (2 - (SELECT count(*) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = '_honker_scheduler_tasks'
               AND column_name IN ('enabled', 'max_attempts')))
     + (2 - (SELECT count(DISTINCT p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = current_schema() AND p.proname IN ('notify', '_honkerj_notify'))) AS integer)
