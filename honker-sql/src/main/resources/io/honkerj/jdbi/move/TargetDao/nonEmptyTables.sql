-- HonkerCopy, target (PostgreSQL): the honker tables of the current schema that already hold rows a copy
-- would collide with (ids, offsets, names). Locks and notifications are not copied and not checked. Each
-- EXISTS stops at the first row.
SELECT '_honker_live' WHERE EXISTS (SELECT 1 FROM _honker_live)
UNION ALL SELECT '_honker_dead' WHERE EXISTS (SELECT 1 FROM _honker_dead)
UNION ALL SELECT '_honker_scheduler_tasks' WHERE EXISTS (SELECT 1 FROM _honker_scheduler_tasks)
UNION ALL SELECT '_honker_stream' WHERE EXISTS (SELECT 1 FROM _honker_stream)
UNION ALL SELECT '_honker_stream_consumers' WHERE EXISTS (SELECT 1 FROM _honker_stream_consumers)
UNION ALL SELECT '_honker_results' WHERE EXISTS (SELECT 1 FROM _honker_results)
UNION ALL SELECT '_honker_rate_limits' WHERE EXISTS (SELECT 1 FROM _honker_rate_limits)
UNION ALL SELECT '_honkerj_unique_jobs' WHERE EXISTS (SELECT 1 FROM _honkerj_unique_jobs)
UNION ALL SELECT '_honkerj_paused_queues' WHERE EXISTS (SELECT 1 FROM _honkerj_paused_queues)
