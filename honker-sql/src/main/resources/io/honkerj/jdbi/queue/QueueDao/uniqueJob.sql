-- The live job (pending or processing) holding a queue's unique key, if any. A key row whose job left
-- _honker_live (acked, dead-lettered, cancelled, by any binding) holds nothing.
-- Served by: the primary keys of _honkerj_unique_jobs and _honker_live.
SELECT u.job_id
FROM _honkerj_unique_jobs u
JOIN _honker_live l ON l.id = u.job_id
WHERE u.queue = :queue AND u.unique_key = :key AND l.state IN ('pending', 'processing')
