-- Inserts one pending job per element of :payloads (a JSON array whose elements are the payloads' JSON
-- texts as strings, so each payload is stored byte for byte), in one statement, in array order (WITH
-- ORDINALITY), and returns the ids in ascending order; sends one NOTIFY honker_queue (PostgreSQL folds
-- identical notifications of a transaction into one), delivered at commit.
-- Served by: the primary key (insert).
WITH job AS (
  INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at, expires_at)
  SELECT CAST(:queue AS text), e.value, CAST(:priority AS integer), CAST(:runAt AS bigint),
         CAST(:maxAttempts AS integer), CAST(:now AS bigint), CAST(:expiresAt AS bigint)
  FROM json_array_elements_text(CAST(:payloads AS json)) WITH ORDINALITY AS e(value, n)
  ORDER BY e.n
  RETURNING id
)
SELECT job.id
FROM job CROSS JOIN LATERAL (SELECT pg_notify('honker_queue', CAST(:queue AS text))) AS wake
ORDER BY job.id
