-- HonkerCopy, source (SQLite): every stored job result of _honker_results, expired ones included (they stay
-- invisible on the target as here, until pruned), in job id order (the primary key).
SELECT job_id, value, created_at, expires_at
FROM _honker_results
ORDER BY job_id
