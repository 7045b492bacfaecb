-- Acquire, step 3 of 3, and isHeld: who holds the lock and until when. Served by: the primary key (name).
SELECT owner, expires_at FROM _honker_locks WHERE name = :name
