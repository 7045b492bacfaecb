-- PostgreSQL: upstream's claim pre-pass for due pending jobs out of attempts (the honker_claim_batch SQL
-- function only; SQLite is the only engine with SQL functions today, so this file keeps the statement valid on
-- PostgreSQL for the shared DAO): copies them to _honker_dead as 'max attempts exceeded', replacing a dead
-- row of the same id. Step 1 of 2; deleteExhaustedPending.sql removes them.
-- Served by: _honker_live_pending_deadline (queue = ? AND run_at <= ?).
INSERT INTO _honker_dead
  (id, queue, payload, priority, run_at, max_attempts, attempts, last_error, created_at, died_at)
SELECT id, queue, payload, priority, run_at, max_attempts, attempts, 'max attempts exceeded', created_at,
       CAST(:now AS bigint)
FROM _honker_live
WHERE queue = :queue
  AND state = 'pending'
  AND run_at <= :now
  AND attempts >= max_attempts
  AND (expires_at IS NULL OR expires_at > :now)
ON CONFLICT (id) DO UPDATE SET
  queue = EXCLUDED.queue, payload = EXCLUDED.payload, priority = EXCLUDED.priority, run_at = EXCLUDED.run_at,
  max_attempts = EXCLUDED.max_attempts, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error,
  created_at = EXCLUDED.created_at, died_at = EXCLUDED.died_at
