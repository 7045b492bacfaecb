-- Claim pre-pass, step 1 of 2: copies this queue's processing jobs whose lease has lapsed and that can never
-- run again into _honker_dead: attempts used up ('max attempts exceeded', as upstream) or expired
-- ('expired': upstream leaves these stuck in the live table forever, spec section 4 item 1).
-- OR REPLACE: a stale dead row with the same id (spec section 4 item 16) is superseded instead of aborting.
-- Served by: _honker_live_processing_deadline (queue = ? AND claim_expires_at < ?), only lapsed claims.
INSERT OR REPLACE INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts,
       CASE WHEN expires_at IS NOT NULL AND expires_at <= :now THEN 'expired'
            ELSE 'max attempts exceeded' END,
       created_at, :now
FROM _honker_live
WHERE queue = :queue
  AND state = 'processing'
  AND claim_expires_at < :now
  AND (attempts >= max_attempts OR (expires_at IS NOT NULL AND expires_at <= :now))
