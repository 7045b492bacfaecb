-- Deletes a live row by id, after retryToDead / failToDead copied it. Served by: the primary key.
DELETE FROM _honker_live WHERE id = :id
