-- Claims up to :n claimable jobs of a queue, highest priority first, then earliest run_at, then lowest id:
-- pending and due, or processing with a lapsed lease; attempts left; not expired. Each claimed row becomes
-- processing for :workerId until :now + :leaseSeconds and its attempts go up by one. Nothing while the
-- queue is paused in _honkerj_paused_queues.
-- Concurrent claimers never wait on each other and never take the same job: the CTE locks the rows it
-- picks FOR UPDATE SKIP LOCKED (rows another claimer holds are passed over), and a row another claimer
-- committed meanwhile is re-checked against the WHERE clause before it is taken.
-- Served by: _honker_live_claim (queue = ?), walked in its own order and stopped after :n matches.
-- RETURNING order is unspecified: the caller sorts.
WITH picked AS (
  SELECT id FROM _honker_live
  WHERE queue = :queue
    AND NOT EXISTS (SELECT 1 FROM _honkerj_paused_queues WHERE queue = :queue)
    AND state IN ('pending', 'processing')
    AND attempts < max_attempts
    AND (expires_at IS NULL OR expires_at > :now)
    AND ((state = 'pending' AND run_at <= :now)
      OR (state = 'processing' AND claim_expires_at < :now))
  ORDER BY priority DESC, run_at ASC, id ASC
  LIMIT :n
  FOR UPDATE SKIP LOCKED
)
UPDATE _honker_live AS l
SET state = 'processing',
    worker_id = :workerId,
    claim_expires_at = CAST(:now AS bigint) + CAST(:leaseSeconds AS bigint),
    attempts = l.attempts + 1
FROM picked
WHERE l.id = picked.id
RETURNING l.id, l.queue, l.payload, l.state, l.priority, l.run_at, l.worker_id, l.claim_expires_at,
          l.attempts, l.max_attempts, l.created_at, l.expires_at
