-- Copies a dead job back into the live table as a fresh pending job: new id, attempts 0, due :now, same
-- payload, priority and budget (at least 1). The caller then deletes the dead row. Served by: primary keys.
INSERT INTO _honker_live (queue, payload, priority, run_at, max_attempts, created_at)
SELECT queue, payload, priority, :now, MAX(max_attempts, 1), :now
FROM _honker_dead
WHERE id = :deadId AND queue = :queue
RETURNING id
