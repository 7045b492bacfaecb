-- Counts of one queue: pending, processing, dead, and the run_at of the longest-waiting due job.
-- Served by: _honker_live_pending_deadline and _honker_live_processing_deadline (covering counts; MIN is
-- one index seek). The dead count scans _honker_dead, which upstream gives no index.
SELECT
  (SELECT count(*) FROM _honker_live WHERE queue = :queue AND state = 'pending') AS pending,
  (SELECT count(*) FROM _honker_live WHERE queue = :queue AND state = 'processing') AS processing,
  (SELECT count(*) FROM _honker_dead WHERE queue = :queue) AS dead,
  (SELECT MIN(run_at) FROM _honker_live
   WHERE queue = :queue AND state = 'pending' AND run_at <= :now) AS oldest_due_run_at
