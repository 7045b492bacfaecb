-- Every queue that has live or dead jobs, with its pending, processing and dead counts and the run_at of its
-- longest-waiting due job (NULL if none is due). Read by the dashboard's overview and its sampler.
-- Served by: one pass over _honker_live and one over _honker_dead, grouped by queue (the dashboard reads
-- all queues at once; both scans are bounded by the size of the tables, never joined).
SELECT queue,
       sum(pending) AS pending,
       sum(processing) AS processing,
       sum(dead) AS dead,
       min(oldest_due_run_at) AS oldest_due_run_at
FROM (
  SELECT queue,
         count(*) FILTER (WHERE state = 'pending') AS pending,
         count(*) FILTER (WHERE state = 'processing') AS processing,
         0 AS dead,
         min(run_at) FILTER (WHERE state = 'pending' AND run_at <= :now) AS oldest_due_run_at
  FROM _honker_live
  GROUP BY queue
  UNION ALL
  SELECT queue, 0, 0, count(*), NULL
  FROM _honker_dead
  GROUP BY queue
)
GROUP BY queue
ORDER BY queue
