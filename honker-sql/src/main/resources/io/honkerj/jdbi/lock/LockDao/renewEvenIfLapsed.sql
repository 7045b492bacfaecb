-- Upstream's honker_lock_renew, for SQL written against upstream: extends this owner's row to :expiresAt
-- whether or not its lease already ran out (a lapsed lock nobody took yet is revived). The Java API uses
-- renew.sql instead, which does not revive. Served by: the primary key.
UPDATE _honker_locks SET expires_at = :expiresAt
WHERE name = :name AND owner = :owner
