-- HonkerCopy, target (PostgreSQL): a batch of unique keys, each naming its (copied, same-id) live job.
INSERT INTO _honkerj_unique_jobs (queue, unique_key, job_id)
VALUES (:queue, :uniqueKey, :jobId)
