-- Inserts one pending job per element of :payloads (a JSON array whose elements are the payloads' JSON
-- texts as strings, so each payload is stored byte for byte), in one statement. json_each yields the
-- elements in array order, so ascending ids follow array order (pinned by QueueTest).
-- Served by: the primary key (insert).
INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at, expires_at)
SELECT :queue, value, :priority, :runAt, :maxAttempts, :now, :expiresAt
FROM json_each(:payloads)
RETURNING id
