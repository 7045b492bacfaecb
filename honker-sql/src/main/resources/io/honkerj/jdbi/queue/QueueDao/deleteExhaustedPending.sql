-- Step 2 of 2 of deadLetterExhaustedPending: deletes the rows it just copied (same predicate, same
-- transaction, same :now). Served by: _honker_live_pending_deadline (queue = ? AND run_at <= ?).
DELETE FROM _honker_live
WHERE queue = :queue
  AND state = 'pending'
  AND run_at <= :now
  AND attempts >= max_attempts
  AND (expires_at IS NULL OR expires_at > :now)
