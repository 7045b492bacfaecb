-- Reads a job's result unless it expired. Served by: the primary key (job_id).
SELECT value FROM _honker_results
WHERE job_id = :jobId AND (expires_at IS NULL OR expires_at > :now)
