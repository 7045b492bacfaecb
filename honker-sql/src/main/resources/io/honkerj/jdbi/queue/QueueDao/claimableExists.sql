-- Whether a claim now would find a job: the claim's own predicate, read only, so an idle worker woken by
-- a commit to some other queue (or another table) checks with a read instead of opening a write
-- transaction. False while the queue is paused (_honkerj_paused_queues). Served by: a MULTI-INDEX OR over _honker_live_pending_deadline (queue = ? AND run_at <=)
-- and _honker_live_processing_deadline (queue = ? AND claim_expires_at <), stopping at the first match.
SELECT EXISTS (
  SELECT 1 FROM _honker_live
  WHERE queue = :queue
    AND NOT EXISTS (SELECT 1 FROM _honkerj_paused_queues WHERE queue = :queue)
    AND state IN ('pending', 'processing')
    AND attempts < max_attempts
    AND (expires_at IS NULL OR expires_at > :now)
    AND ((state = 'pending' AND run_at <= :now)
      OR (state = 'processing' AND claim_expires_at < :now))
)
