-- Moves to _honker_dead the jobs of a queue that can never run: expired, or pending with no attempt left
-- (a processing one only once its lease lapsed); replaces a dead row of the same id.
-- Served by: _honker_live_claim (queue = ?, state IN ...).
INSERT INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'expired'
            ELSE 'max attempts exceeded' END,
       created_at, CAST(:now AS bigint)
FROM _honker_live
WHERE queue = :queue
  AND state IN ('pending', 'processing')
  AND (state = 'pending' OR claim_expires_at < :now)
  AND ((expires_at IS NOT NULL AND expires_at <= :now) OR (state = 'pending' AND attempts >= max_attempts))
ON CONFLICT (id) DO UPDATE SET
  queue = EXCLUDED.queue, payload = EXCLUDED.payload, priority = EXCLUDED.priority, run_at = EXCLUDED.run_at,
  max_attempts = EXCLUDED.max_attempts, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
  created_at = EXCLUDED.created_at, died_at = EXCLUDED.died_at
