-- A page of dead jobs, newest death first, of one queue or (queue NULL) of all. PostgreSQL: :queue cast to
-- text (alone in `IS NULL` its type cannot be inferred). Served by: a scan of _honker_dead, which
-- upstream's schema gives no index (dead rows are few).
SELECT id, queue, payload, 'dead' AS state, priority, run_at, NULL AS worker_id, NULL AS claim_expires_at,
       attempts, max_attempts, created_at, NULL AS expires_at, last_error, died_at
FROM _honker_dead
WHERE (CAST(:queue AS text) IS NULL OR queue = :queue)
ORDER BY died_at DESC, id DESC
LIMIT :limit
