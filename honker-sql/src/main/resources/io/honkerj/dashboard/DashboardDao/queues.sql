-- Every queue that has live or dead jobs, with its pending, processing and dead counts and the run_at of its
-- longest-waiting due job (NULL if none is due). Read by the dashboard's overview and its sampler.
-- Served by: _honker_live_pending_deadline (queue, run_at) and _honker_live_processing_deadline, both
-- partial and covering, grouped by queue; a scan of _honker_dead, which upstream's schema gives no index.
SELECT queue,
       sum(pending) AS pending,
       sum(processing) AS processing,
       sum(dead) AS dead,
       min(oldest_due_run_at) AS oldest_due_run_at
FROM (
  SELECT queue, count(*) AS pending, 0 AS processing, 0 AS dead,
         min(run_at) FILTER (WHERE run_at <= :now) AS oldest_due_run_at
  FROM _honker_live
  WHERE state = 'pending'
  GROUP BY queue
  UNION ALL
  SELECT queue, 0, count(*), 0, NULL
  FROM _honker_live
  WHERE state = 'processing'
  GROUP BY queue
  UNION ALL
  SELECT queue, 0, 0, count(*), NULL
  FROM _honker_dead
  GROUP BY queue
)
GROUP BY queue
ORDER BY queue
