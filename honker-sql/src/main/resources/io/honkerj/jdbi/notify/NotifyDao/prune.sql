-- Deletes notifications older than :cutoff, and those with an id up to :upToId (NULL = none by count),
-- as upstream's prune_notifications. A maintenance statement.
DELETE FROM _honker_notifications
WHERE created_at < :cutoff OR id <= COALESCE(:upToId, -1)
