-- HonkerCopy, source (SQLite): every dead letter of _honker_dead, in id order (the primary key).
SELECT id, queue, payload, priority, run_at, attempts, max_attempts, last_error, created_at, died_at
FROM _honker_dead
ORDER BY id
