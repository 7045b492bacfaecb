-- Sends a notification: one row, inside the caller's transaction (a rollback drops it), as upstream's
-- notify(channel, payload). Served by: the primary key (insert).
INSERT INTO _honker_notifications (channel, payload, created_at) VALUES (:channel, :payload, :now)
RETURNING id
