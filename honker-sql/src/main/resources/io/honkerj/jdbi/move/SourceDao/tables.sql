-- HonkerCopy, source (SQLite): which of the tables a copy reads the file has (upstream's _honker_* and
-- honker-jdbi's _honkerj_*), so a file only upstream's bindings wrote (no _honkerj_ tables) copies too.
-- Reads sqlite_master, no honker table.
SELECT name FROM sqlite_master
WHERE type = 'table' AND name IN ('_honker_live', '_honker_dead', '_honker_scheduler_tasks', '_honker_stream',
                                  '_honker_stream_consumers', '_honker_results', '_honker_rate_limits',
                                  '_honkerj_unique_jobs', '_honkerj_paused_queues')
ORDER BY name
