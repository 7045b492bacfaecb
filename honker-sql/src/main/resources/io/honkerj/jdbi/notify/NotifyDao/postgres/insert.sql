-- Sends a notification: one row inside the caller's transaction (a rollback drops it) and NOTIFY
-- honker_notify with the channel, delivered at commit; returns its id and the channel's id before it.
-- Through the _honkerj_notify function bootstrap creates (SchemaDao/postgres/sqlFunctions.sql), which
-- orders a channel's notifications by commit (advisory lock per channel) and reads previous_id after it.
-- Served by: the primary key (insert); _honker_notifications_recent (channel = ? AND id < ?).
SELECT id, previous_id FROM _honkerj_notify(:channel, :payload, CAST(:now AS bigint))
