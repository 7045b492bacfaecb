-- Puts a dead job back as a new pending job (a new id, attempts from zero, at least one attempt) and
-- returns its id; sends NOTIFY honker_queue, delivered at commit. Served by: _honker_dead's primary key.
WITH job AS (
  INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at)
  SELECT queue, payload, priority, CAST(:now AS bigint), GREATEST(max_attempts, 1), CAST(:now AS bigint)
  FROM _honker_dead
  WHERE id = :deadId AND queue = :queue
  RETURNING id
)
SELECT job.id
FROM job CROSS JOIN LATERAL (SELECT pg_notify('honker_queue', CAST(:queue AS text))) AS wake
