-- Sweep, step 2 of 2: deletes the rows sweepToDead just copied (same predicate, same transaction).
-- Served by: _honker_live_claim (queue = ?).
DELETE FROM _honker_live
WHERE queue = :queue
  AND state IN ('pending', 'processing')
  AND (state = 'pending' OR claim_expires_at < :now)
  AND ((expires_at IS NOT NULL AND expires_at <= :now) OR (state = 'pending' AND attempts >= max_attempts))
