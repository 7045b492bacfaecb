-- Sweep, step 1 of 2: copies this queue's jobs that can never run to _honker_dead:
-- expired pending jobs and expired jobs whose claim lapsed ('expired'; upstream sweeps pending rows only,
-- spec section 4 item 1), and pending jobs with no attempts left ('max attempts exceeded').
-- A maintenance statement, not on the claim path. Served by: _honker_live_claim (queue = ?).
INSERT OR REPLACE INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'expired'
            ELSE 'max attempts exceeded' END,
       created_at, :now
FROM _honker_live
WHERE queue = :queue
  AND state IN ('pending', 'processing')
  AND (state = 'pending' OR claim_expires_at < :now)
  AND ((expires_at IS NOT NULL AND expires_at <= :now) OR (state = 'pending' AND attempts >= max_attempts))
