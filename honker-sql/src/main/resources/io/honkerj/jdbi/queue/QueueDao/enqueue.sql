-- Inserts one pending job and returns its id. Times are unix seconds bound from the library's Clock.
-- Upstream: honker_enqueue. Served by: the primary key (insert).
INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at, expires_at)
VALUES (:queue, :payload, :priority, :runAt, :maxAttempts, :now, :expiresAt)
RETURNING id
