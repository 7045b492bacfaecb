-- The newest notification id of a channel (0 if none): where a new listener starts.
-- Served by: _honker_notifications_recent (channel = ?), one seek.
SELECT COALESCE(MAX(id), 0) FROM _honker_notifications WHERE channel = :channel
