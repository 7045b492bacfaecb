-- HonkerCopy, target (PostgreSQL): a batch of job results, keyed by the same job ids, expiry as it was.
INSERT INTO _honker_results (job_id, value, created_at, expires_at)
VALUES (:jobId, :value, :createdAt, :expiresAt)
