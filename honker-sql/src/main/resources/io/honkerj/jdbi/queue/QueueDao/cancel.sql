-- Deletes a pending or processing job whoever holds it. Served by: the primary key.
DELETE FROM _honker_live WHERE id = :id AND state IN ('pending', 'processing')
