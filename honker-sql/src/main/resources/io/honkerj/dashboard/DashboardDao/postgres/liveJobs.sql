-- A page of one queue's live jobs, optionally of one state ('pending' or 'processing'), in claim order.
-- PostgreSQL: :state cast to text (alone in `IS NULL` its type cannot be inferred).
-- Served by: _honker_live_claim (queue, priority DESC, run_at, id), whose order is the ORDER BY.
SELECT id, queue, payload, state, priority, run_at, worker_id, claim_expires_at, attempts, max_attempts,
       created_at, expires_at, NULL AS last_error, NULL AS died_at
FROM _honker_live
WHERE queue = :queue
  AND state IN ('pending', 'processing')
  AND (CAST(:state AS text) IS NULL OR state = :state)
ORDER BY priority DESC, run_at, id
LIMIT :limit
