-- Every queue that has live or dead jobs, with its pending, processing and dead counts and the run_at of its
-- longest-waiting due job (NULL if none is due). Read by the dashboard's overview and its sampler.
-- PostgreSQL: the shared statement with the alias PostgreSQL 14 requires on a subquery in FROM, and the
-- sums cast back to bigint (a sum of bigint is numeric). Served by: _honker_live_pending_deadline and
-- _honker_live_processing_deadline grouped by queue; a scan of _honker_dead (upstream gives it no index).
SELECT queue,
       CAST(sum(pending) AS bigint) AS pending,
       CAST(sum(processing) AS bigint) AS processing,
       CAST(sum(dead) AS bigint) AS dead,
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
) AS counts
GROUP BY queue
ORDER BY queue
