-- Records that :jobId holds (:queue, :key), replacing a stale holder. Served by: the primary key.
INSERT INTO _honkerj_unique_jobs (queue, unique_key, job_id)
VALUES (:queue, :key, :jobId)
ON CONFLICT (queue, unique_key) DO UPDATE SET job_id = EXCLUDED.job_id
