-- Acquire, step 1 of 3: drops the lock's row if its lease ran out, so anyone may take it.
-- Served by: the primary key (name).
DELETE FROM _honker_locks WHERE name = :name AND expires_at <= :now
