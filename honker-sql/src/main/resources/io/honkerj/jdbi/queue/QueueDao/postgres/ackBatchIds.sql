-- Deletes the jobs listed in :ids (a JSON array of ids) that :workerId still validly holds, as ackBatch,
-- and returns the ids it deleted. Served by: the primary key, one lookup per id (id = ANY of the array).
DELETE FROM _honker_live
WHERE id = ANY (ARRAY(SELECT CAST(e.value AS bigint)
                      FROM json_array_elements_text(CAST(:ids AS json)) AS e(value)))
  AND worker_id = :workerId
  AND claim_expires_at >= :now
RETURNING id
