-- One dead job by id (a dead row keeps its live id), for the job detail page and before a requeue.
-- Served by: the primary key of _honker_dead.
SELECT id, queue, payload, 'dead' AS state, priority, run_at, NULL AS worker_id, NULL AS claim_expires_at,
       attempts, max_attempts, created_at, NULL AS expires_at, last_error, died_at
FROM _honker_dead
WHERE id = :id
