-- Gives a claimed job back at once without spending an attempt (see ../release.sql), and sends
-- NOTIFY honker_queue with the queue's name, delivered at commit: the job is claimable again, so a waiting
-- claimer must re-check. The claim is checked and locked in the CTE (FOR UPDATE re-checks it against the
-- newest row version), the UPDATE is the statement's own, so the DAO still gets its row count.
-- Served by: the primary key.
WITH job AS (
  SELECT id, queue FROM _honker_live
  WHERE id = :id
    AND worker_id = :workerId
    AND state = 'processing'
    AND claim_expires_at >= :now
    AND attempts > 0
  FOR UPDATE
), wake AS (
  SELECT job.id, pg_notify('honker_queue', job.queue) FROM job
)
UPDATE _honker_live
SET state = 'pending',
    worker_id = NULL,
    claim_expires_at = NULL,
    attempts = attempts - 1
FROM wake
WHERE _honker_live.id = wake.id
