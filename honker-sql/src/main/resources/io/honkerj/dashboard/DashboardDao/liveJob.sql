-- One live job by id, for the job detail page.
-- Served by: the primary key of _honker_live.
SELECT id, queue, payload, state, priority, run_at, worker_id, claim_expires_at, attempts, max_attempts,
       created_at, expires_at, NULL AS last_error, NULL AS died_at
FROM _honker_live
WHERE id = :id
