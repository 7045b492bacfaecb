-- Deletes one dead row by id. Served by: the primary key.
DELETE FROM _honker_dead WHERE id = :deadId
