-- Inserts one pending job per element of :payloads (a JSON array whose elements are the payloads' JSON
-- texts as strings, so each payload is stored byte for byte), in array order, in one statement.
-- Returns the new ids (ascending ids follow array order). Served by: the primary key (insert).
INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at, expires_at)
SELECT :queue, value, :priority, :runAt, :maxAttempts, :now, :expiresAt
FROM json_each(:payloads)
ORDER BY key
RETURNING id
