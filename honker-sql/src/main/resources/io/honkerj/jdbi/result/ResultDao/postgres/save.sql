-- Stores or replaces a job's result; a replacement rewrites value and expiry and keeps created_at, as
-- upstream. :expiresAt NULL means never. In the same statement sends NOTIFY honker_result with the job id,
-- delivered when the save commits: it wakes the processes waiting in Results.await (INSERT ... SELECT from
-- the notifying one-row subquery, so the statement stays an update). Served by: the primary key (job_id).
INSERT INTO _honker_results (job_id, value, created_at, expires_at)
SELECT CAST(:jobId AS bigint), CAST(:value AS text), CAST(:now AS bigint), CAST(:expiresAt AS bigint)
FROM (SELECT pg_notify('honker_result', CAST(:jobId AS text))) AS wake
ON CONFLICT (job_id) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at
