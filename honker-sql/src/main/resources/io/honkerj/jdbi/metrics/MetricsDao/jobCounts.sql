-- Jobs per queue and state ('pending', 'processing', 'dead') for the honker.jobs gauges, and per queue the
-- run_at of the longest-waiting due job (NULL if none is due) for honker.jobs.oldest.pending.
-- Served by: _honker_live_pending_deadline (queue, run_at) and _honker_live_processing_deadline, both
-- partial and covering, grouped by queue; a scan of _honker_dead, which upstream's schema gives no index.
SELECT queue, 'pending' AS state, count(*) AS jobs,
       min(run_at) FILTER (WHERE run_at <= :now) AS oldest_due_run_at
FROM _honker_live
WHERE state = 'pending'
GROUP BY queue
UNION ALL
SELECT queue, 'processing', count(*), NULL
FROM _honker_live
WHERE state = 'processing'
GROUP BY queue
UNION ALL
SELECT queue, 'dead', count(*), NULL
FROM _honker_dead
GROUP BY queue
