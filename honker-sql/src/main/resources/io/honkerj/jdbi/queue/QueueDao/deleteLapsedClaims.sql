-- Claim pre-pass, step 2 of 2: deletes the rows deadLetterLapsedClaims just copied (same predicate, same
-- transaction, same :now). Served by: _honker_live_processing_deadline (queue = ? AND claim_expires_at < ?).
DELETE FROM _honker_live
WHERE queue = :queue
  AND state = 'processing'
  AND claim_expires_at < :now
  AND (attempts >= max_attempts OR (expires_at IS NOT NULL AND expires_at <= :now))
