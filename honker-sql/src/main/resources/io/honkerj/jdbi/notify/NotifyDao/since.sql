-- A channel's notifications after :afterId, oldest first. Served by: _honker_notifications_recent
-- (channel = ? AND id > ?), so other channels' traffic costs nothing.
SELECT id, channel, payload, created_at FROM _honker_notifications
WHERE channel = :channel AND id > :afterId
ORDER BY id
LIMIT :limit
