-- Inserts one pending job and returns its id, and in the same statement sends NOTIFY honker_queue with the
-- queue's name as payload: PostgreSQL delivers it when (and only if) the enqueue's transaction commits, so
-- the commit is the wake-up. Times are unix seconds bound from the library's Clock.
-- Upstream: honker_enqueue. Served by: the primary key (insert).
WITH job AS (
  INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at, expires_at)
  VALUES (:queue, :payload, :priority, :runAt, :maxAttempts, :now, :expiresAt)
  RETURNING id
)
SELECT job.id
FROM job CROSS JOIN LATERAL (SELECT pg_notify('honker_queue', CAST(:queue AS text))) AS wake
