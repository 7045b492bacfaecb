-- Extends a valid claim to :leaseUntil (now + extension, not added to the old deadline). A lapsed claim
-- cannot be revived. Served by: the primary key.
UPDATE _honker_live
SET claim_expires_at = :leaseUntil
WHERE id = :id
  AND worker_id = :workerId
  AND state = 'processing'
  AND claim_expires_at >= :now
