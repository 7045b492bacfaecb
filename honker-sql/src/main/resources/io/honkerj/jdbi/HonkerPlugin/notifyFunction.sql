-- The notify(channel, payload) SQL function's insert, run on the calling connection (and so inside its
-- transaction, as upstream's extension does); created_at takes the column default unixepoch().
INSERT INTO _honker_notifications (channel, payload) VALUES (?, ?) RETURNING id
