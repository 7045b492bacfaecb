-- Upstream's claim pre-pass for due pending jobs that can never run (attempts >= max_attempts: only a job
-- enqueued through the SQL function with max_attempts < 1 can be one), step 1 of 2: copies them to
-- _honker_dead with 'max attempts exceeded', as upstream's honker_claim_batch does. Used by that SQL
-- function only (the Java API refuses max_attempts < 1). Served by: _honker_live_pending_deadline
-- (queue = ? AND run_at <= ?); reads every due pending row of the queue, as upstream's pre-pass does.
INSERT OR REPLACE INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts, 'max attempts exceeded', created_at, :now
FROM _honker_live
WHERE queue = :queue
  AND state = 'pending'
  AND run_at <= :now
  AND attempts >= max_attempts
  AND (expires_at IS NULL OR expires_at > :now)
