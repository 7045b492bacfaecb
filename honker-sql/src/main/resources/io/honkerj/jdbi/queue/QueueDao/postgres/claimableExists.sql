-- Whether a claim now would find a job: the claim's own predicate, read only, so an idle worker woken by
-- a notification for some other queue checks with a read instead of taking row locks. False while the
-- queue is paused (_honkerj_paused_queues). One lookup per state, each walking its partial index in order
-- to its first entry: _honker_live_pending_deadline (queue = ? AND run_at <=) and
-- _honker_live_processing_deadline (queue = ? AND claim_expires_at <). Scalar subqueries with
-- ORDER BY ... LIMIT 1 rather than EXISTS: PostgreSQL drops the ORDER BY of an EXISTS, and its generic plan
-- then prices a table scan that stops at the first match as cheaper, which it is not when the queue's rows
-- are few or far.
SELECT NOT EXISTS (SELECT 1 FROM _honkerj_paused_queues WHERE queue = :queue)
  AND ((SELECT run_at FROM _honker_live
        WHERE queue = :queue AND state = 'pending' AND run_at <= :now
          AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
        ORDER BY run_at LIMIT 1) IS NOT NULL
    OR (SELECT claim_expires_at FROM _honker_live
        WHERE queue = :queue AND state = 'processing' AND claim_expires_at < :now
          AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
        ORDER BY claim_expires_at LIMIT 1) IS NOT NULL)
