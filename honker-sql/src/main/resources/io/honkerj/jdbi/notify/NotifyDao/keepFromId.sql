-- The id of the (:maxKeep + 1)-th newest notification over all channels, or NULL if there are not that
-- many: prune deletes ids up to it. Served by: the primary key, walked from the end.
SELECT id FROM _honker_notifications ORDER BY id DESC LIMIT 1 OFFSET :maxKeep
