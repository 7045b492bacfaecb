-- Reads the twelve columns of one live job. Served by: the primary key.
SELECT id, queue, payload, state, priority, run_at, worker_id, claim_expires_at, attempts, max_attempts,
       created_at, expires_at
FROM _honker_live
WHERE id = :id
