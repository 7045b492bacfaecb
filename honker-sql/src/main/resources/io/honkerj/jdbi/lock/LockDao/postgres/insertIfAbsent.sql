-- Acquire, step 2 of 3: takes the lock if nobody holds it; leaves a holder's row untouched. Under READ
-- COMMITTED a racing insert of the same name waits for the other transaction and then does nothing, and
-- step 3 (holder.sql, a new snapshot) sees the winner: one holder. Served by: the primary key (name).
INSERT INTO _honker_locks (name, owner, expires_at) VALUES (:name, :owner, :expiresAt)
ON CONFLICT (name) DO NOTHING
