-- Retry of a job whose attempts are used up: copies it to _honker_dead with the worker's error (the caller
-- then deletes the live row). Only for the valid claim holder. OR REPLACE: see deadLetterLapsedClaims.sql.
-- Served by: the primary key.
INSERT OR REPLACE INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts, :error, created_at, :now
FROM _honker_live
WHERE id = :id
  AND worker_id = :workerId
  AND state = 'processing'
  AND claim_expires_at >= :now
  AND attempts >= max_attempts
