-- Sends a notification: one row, inside the caller's transaction (a rollback drops it), as upstream's
-- notify(channel, payload). Returns its id and the id of the channel's notification before it (0 if
-- none), so a listener in this JVM handed the notification after the commit knows whether it has seen
-- everything before it. Served by: the primary key (insert); _honker_notifications_recent
-- (channel = ? AND id < ?), one seek, for the previous id.
INSERT INTO _honker_notifications (channel, payload, created_at) VALUES (:channel, :payload, :now)
RETURNING id, (SELECT COALESCE(MAX(p.id), 0) FROM _honker_notifications p
               WHERE p.channel = _honker_notifications.channel AND p.id < _honker_notifications.id) AS previous_id
