-- Records that a new job holds a queue's unique key, replacing a stale row of a job no longer live.
-- Served by: the primary key of _honkerj_unique_jobs.
INSERT OR REPLACE INTO _honkerj_unique_jobs (queue, unique_key, job_id)
VALUES (:queue, :key, :jobId)
