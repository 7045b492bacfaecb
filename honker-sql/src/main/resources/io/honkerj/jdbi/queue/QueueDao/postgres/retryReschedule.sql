-- Retry of a job with attempts left (see ../retryReschedule.sql), and NOTIFY honker_queue with the queue's
-- name, delivered at commit: a waiting claimer re-checks and sleeps until the new run_at (or takes it now
-- if the delay is zero). Checked and locked in the CTE, updated by the statement itself (row count kept).
-- Served by: the primary key.
WITH job AS (
  SELECT id, queue FROM _honker_live
  WHERE id = :id
    AND worker_id = :workerId
    AND state = 'processing'
    AND claim_expires_at >= :now
    AND attempts < max_attempts
  FOR UPDATE
), wake AS (
  SELECT job.id, pg_notify('honker_queue', job.queue) FROM job
)
UPDATE _honker_live
SET state = 'pending',
    run_at = :runAt,
    worker_id = NULL,
    claim_expires_at = NULL
FROM wake
WHERE _honker_live.id = wake.id
