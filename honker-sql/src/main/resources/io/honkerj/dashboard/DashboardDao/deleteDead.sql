-- Deletes one dead job (the dashboard's "delete" on a dead letter).
-- Served by: the primary key of _honker_dead.
DELETE FROM _honker_dead WHERE id = :id
