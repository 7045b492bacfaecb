-- Claims up to :n claimable jobs of a queue, highest priority first, then earliest run_at, then lowest id:
-- pending and due, or processing with a lapsed lease; attempts left; not expired. Each claimed row becomes
-- processing for :workerId until :now + :leaseSeconds and its attempts go up by one. Nothing while the
-- queue is paused in _honkerj_paused_queues (honker-jdbi's persistent pause; upstream ignores it).
-- Served by: _honker_live_claim (queue = ?), walked in its own order and stopped after :n matches, so the
-- cost follows :n, not the backlog; the pause check is one primary-key lookup, evaluated once.
-- RETURNING order is unspecified: the caller sorts.
UPDATE _honker_live
SET state = 'processing',
    worker_id = :workerId,
    claim_expires_at = :now + :leaseSeconds,
    attempts = attempts + 1
WHERE id IN (
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
)
RETURNING id, queue, payload, state, priority, run_at, worker_id, claim_expires_at, attempts, max_attempts,
          created_at, expires_at
