-- Extends this owner's lease to :expiresAt, only while it is still valid: unlike upstream, a lease that
-- already ran out is not revived (another owner may have been told it was free). Served by: the primary key.
UPDATE _honker_locks SET expires_at = :expiresAt
WHERE name = :name AND owner = :owner AND expires_at > :now
