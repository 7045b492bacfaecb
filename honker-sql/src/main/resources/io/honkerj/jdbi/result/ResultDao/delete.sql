-- Deletes a job's result. Served by: the primary key (job_id).
DELETE FROM _honker_results WHERE job_id = :jobId
