-- Lists a queue's live jobs (pending and processing) in claim order, for tests and tools.
-- Served by: _honker_live_claim (its order, no sort).
SELECT id, queue, payload, state, priority, run_at, worker_id, claim_expires_at, attempts, max_attempts,
       created_at, expires_at
FROM _honker_live
WHERE queue = :queue AND state IN ('pending', 'processing')
ORDER BY priority DESC, run_at, id
LIMIT :limit
