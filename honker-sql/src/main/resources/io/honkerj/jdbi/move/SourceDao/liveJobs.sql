-- HonkerCopy, source (SQLite): every job of _honker_live, pending and claimed, in id order (the primary key:
-- one pass over the table). The copy writes each one back pending: a claimed job's worker is in the old
-- deployment, so its lease means nothing on the target; attempts are kept (the claim counted).
SELECT id, queue, payload, state, priority, run_at, attempts, max_attempts, created_at, expires_at
FROM _honker_live
ORDER BY id
