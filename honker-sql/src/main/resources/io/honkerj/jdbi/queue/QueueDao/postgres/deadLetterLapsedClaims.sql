-- Moves to _honker_dead the processing jobs of a queue whose lease lapsed with no attempt left or that
-- expired, replacing a dead row of the same id (as SQLite's INSERT OR REPLACE).
-- Served by: _honker_live_processing_deadline (queue = ? AND claim_expires_at <).
INSERT INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'expired'
            ELSE 'max attempts exceeded' END,
       created_at, CAST(:now AS bigint)
FROM _honker_live
WHERE queue = :queue
  AND state = 'processing'
  AND claim_expires_at < :now
  AND (attempts >= max_attempts OR (expires_at IS NOT NULL AND expires_at <= :now))
ON CONFLICT (id) DO UPDATE SET
  queue = EXCLUDED.queue, payload = EXCLUDED.payload, priority = EXCLUDED.priority, run_at = EXCLUDED.run_at,
  max_attempts = EXCLUDED.max_attempts, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
  created_at = EXCLUDED.created_at, died_at = EXCLUDED.died_at
