-- Deletes a queue's unique-key rows whose job left _honker_live (they hold nothing; this only reclaims
-- space). Served by: the primary key of _honkerj_unique_jobs (queue prefix), then _honker_live's per row.
DELETE FROM _honkerj_unique_jobs
WHERE queue = :queue
  AND NOT EXISTS (SELECT 1 FROM _honker_live l WHERE l.id = _honkerj_unique_jobs.job_id)
