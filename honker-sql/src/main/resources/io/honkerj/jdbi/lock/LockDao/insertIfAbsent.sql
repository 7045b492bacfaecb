-- Acquire, step 2 of 3: takes the lock if nobody holds it; leaves a holder's row untouched.
-- Served by: the primary key (name).
INSERT OR IGNORE INTO _honker_locks (name, owner, expires_at) VALUES (:name, :owner, :expiresAt)
