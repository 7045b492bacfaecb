-- Releases the lock if this owner holds it. Served by: the primary key (name).
DELETE FROM _honker_locks WHERE name = :name AND owner = :owner
