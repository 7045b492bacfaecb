-- Upstream's notify(channel, payload) SQL function on PostgreSQL, so SQL and triggers can send
-- notifications as on SQLite (where HonkerPlugin registers it in Java on every connection). Idempotent
-- (CREATE OR REPLACE, run by every bootstrap, so a new version replaces an old definition); two bootstraps
-- replacing the same function at once would fail with "tuple concurrently updated", which bootstrap's
-- advisory lock (lockBootstrap.sql, held until it commits) rules out. Created in the connection's current
-- schema, and each function keeps that schema as
-- its search_path (SET search_path FROM CURRENT), so a trigger or a caller in another schema still writes
-- honker's table.
--
-- _honkerj_notify(channel, payload, created_at) -> (id, previous_id): the one insert of a notification,
-- used by honker's own notify (NotifyDao.insert, with the injected clock's seconds) and by notify() (with
-- the database clock's, as SQLite's column default unixepoch()). It inserts the row inside the caller's
-- transaction (a rollback drops it) and sends NOTIFY honker_notify with the channel, delivered at commit.
-- Ids of one channel must become visible in id order, or a listener reading "after the last id it saw"
-- could skip a smaller id committed later: so the insert first takes a transaction-level advisory lock of
-- the channel (class 1752133227, 'honk'; key hashtext('notify:' || channel)), held until commit, which
-- orders a channel's notifications as SQLite's single writer does. Each statement of a VOLATILE function
-- reads a fresh snapshot, so previous_id, read after the lock, is the channel's id before this one.
-- Served by: the primary key (insert); _honker_notifications_recent (channel = ? AND id < ?) for previous_id.
CREATE OR REPLACE FUNCTION _honkerj_notify(channel text, payload text, created_at bigint,
                                           OUT id bigint, OUT previous_id bigint)
LANGUAGE plpgsql VOLATILE
SET search_path FROM CURRENT
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1752133227, hashtext('notify:' || $1));
  SELECT COALESCE(MAX(n.id), 0) INTO previous_id FROM _honker_notifications n WHERE n.channel = $1;
  INSERT INTO _honker_notifications AS n (channel, payload, created_at) VALUES ($1, $2, $3)
  RETURNING n.id INTO id;
  PERFORM pg_notify('honker_notify', $1);
END
$$;
-- notify(channel, payload) -> the new id, as upstream's SQL function: both arguments text (anything else is
-- "function notify(...) does not exist"), created_at from the database clock.
CREATE OR REPLACE FUNCTION notify(channel text, payload text) RETURNS bigint
LANGUAGE sql VOLATILE
SET search_path FROM CURRENT
AS $$
  SELECT id FROM _honkerj_notify($1, $2, CAST(extract(epoch FROM now()) AS bigint))
$$
