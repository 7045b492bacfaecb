-- Deletes the jobs listed in :ids (a JSON array of ids) that :workerId still validly holds, as ackBatch,
-- and returns the ids it deleted: the worker pool acks a burst of finished jobs in this one statement and
-- learns which claims were lost. Served by: the primary key, one lookup per id.
DELETE FROM _honker_live
WHERE id IN (SELECT value FROM json_each(:ids))
  AND worker_id = :workerId
  AND claim_expires_at >= :now
RETURNING id
