-- The earliest future moment a claim on this queue could succeed, or NULL: the first scheduled run_at
-- after :now, or one second after the first running lease (which may be reclaimed once lapsed).
-- Rows without attempts left or already expired are skipped, as upstream.
-- Served by: _honker_live_pending_deadline (queue = ? AND run_at > ?) and
-- _honker_live_processing_deadline (queue = ? AND claim_expires_at >= ?), each walked in order and
-- stopped at the first qualifying row.
SELECT MIN(deadline) FROM (
  SELECT * FROM (
    SELECT run_at AS deadline FROM _honker_live
    WHERE queue = :queue AND state = 'pending' AND run_at > :now
      AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
    ORDER BY run_at LIMIT 1)
  UNION ALL
  SELECT * FROM (
    SELECT claim_expires_at + 1 AS deadline FROM _honker_live
    WHERE queue = :queue AND state = 'processing' AND claim_expires_at >= :now
      AND attempts < max_attempts AND (expires_at IS NULL OR expires_at > :now)
    ORDER BY claim_expires_at LIMIT 1)
)
