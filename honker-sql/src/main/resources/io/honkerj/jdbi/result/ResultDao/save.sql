-- Stores or replaces a job's result; a replacement rewrites value and expiry and keeps created_at, as
-- upstream. :expiresAt NULL means never. Served by: the primary key (job_id).
INSERT INTO _honker_results (job_id, value, created_at, expires_at)
VALUES (:jobId, :value, :now, :expiresAt)
ON CONFLICT(job_id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
