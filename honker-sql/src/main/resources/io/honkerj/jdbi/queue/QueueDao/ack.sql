-- Deletes a job its worker finished, if the claim is still that worker's and not lapsed (inclusive, as
-- upstream). Served by: the primary key.
DELETE FROM _honker_live
WHERE id = :id
  AND worker_id = :workerId
  AND claim_expires_at >= :now
