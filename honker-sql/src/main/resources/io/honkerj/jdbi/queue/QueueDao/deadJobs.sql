-- Lists a queue's dead jobs, newest death first. _honker_dead has no index (as upstream): a scan.
SELECT id, queue, payload, priority, run_at, attempts, max_attempts, last_error, created_at, died_at
FROM _honker_dead
WHERE queue = :queue
ORDER BY died_at DESC, id DESC
LIMIT :limit
