-- Retry of a job with attempts left: pending again, due at :runAt, claim cleared, attempts kept (they count
-- claims). Only for the valid claim holder. Served by: the primary key.
UPDATE _honker_live
SET state = 'pending',
    run_at = :runAt,
    worker_id = NULL,
    claim_expires_at = NULL
WHERE id = :id
  AND worker_id = :workerId
  AND state = 'processing'
  AND claim_expires_at >= :now
  AND attempts < max_attempts
