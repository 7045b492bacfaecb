-- Fail: copies the job to _honker_dead with the worker's error whatever attempts remain (the caller then
-- deletes the live row). Only for the valid claim holder. Served by: the primary key.
INSERT OR REPLACE INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts, :error, created_at, :now
FROM _honker_live
WHERE id = :id
  AND worker_id = :workerId
  AND claim_expires_at >= :now
