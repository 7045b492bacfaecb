-- Moves a job its worker failed for good to _honker_dead with :error, if the claim is still that worker's
-- and not lapsed; replaces a dead row of the same id. Served by: the primary key.
INSERT INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts, CAST(:error AS text), created_at,
       CAST(:now AS bigint)
FROM _honker_live
WHERE id = :id
  AND worker_id = :workerId
  AND claim_expires_at >= :now
ON CONFLICT (id) DO UPDATE SET
  queue = EXCLUDED.queue, payload = EXCLUDED.payload, priority = EXCLUDED.priority, run_at = EXCLUDED.run_at,
  max_attempts = EXCLUDED.max_attempts, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
  created_at = EXCLUDED.created_at, died_at = EXCLUDED.died_at
