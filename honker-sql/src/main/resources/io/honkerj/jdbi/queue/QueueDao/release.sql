-- Gives a claimed job back at once without spending an attempt (a worker shutting down, or a job it held
-- but never started): pending again, claim cleared, run_at kept (so it is due now, in its old place), and
-- the attempt this claim counted taken back. Only for the valid claim holder. Served by: the primary key.
UPDATE _honker_live
SET state = 'pending',
    worker_id = NULL,
    claim_expires_at = NULL,
    attempts = attempts - 1
WHERE id = :id
  AND worker_id = :workerId
  AND state = 'processing'
  AND claim_expires_at >= :now
  AND attempts > 0
