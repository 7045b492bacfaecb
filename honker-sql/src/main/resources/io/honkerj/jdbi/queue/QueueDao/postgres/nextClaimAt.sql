-- When the next job of a queue becomes claimable (a pending job's run_at in the future, or one second after
-- a live lease ends), null when nothing is scheduled or running. Each branch reads one index entry:
-- _honker_live_pending_deadline (queue = ? AND run_at >) and _honker_live_processing_deadline
-- (queue = ? AND claim_expires_at >=).
SELECT MIN(deadline) FROM (
  (SELECT run_at AS deadline FROM _honker_live
   WHERE queue = :queue AND state = 'pending' AND run_at > :now
     AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
   ORDER BY run_at LIMIT 1)
  UNION ALL
  (SELECT claim_expires_at + 1 AS deadline FROM _honker_live
   WHERE queue = :queue AND state = 'processing' AND claim_expires_at >= :now
     AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
   ORDER BY claim_expires_at LIMIT 1)
) AS next
