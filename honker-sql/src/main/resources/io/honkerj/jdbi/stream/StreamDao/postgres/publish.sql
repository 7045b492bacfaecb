-- Appends an event and returns its offset; offsets come from one identity for all topics, as upstream's.
-- Sends NOTIFY honker_stream with the topic, delivered at commit. A topic's offsets must become visible in
-- offset order, or a subscriber reading "after the last offset it saw" could skip a smaller one committed
-- later: the statement first takes a transaction-level advisory lock of the topic (class 1752133227,
-- 'honk'; key hashtext('stream:' || topic)), held until commit, so a topic's publishes are ordered as
-- SQLite's single writer orders them; the offset is drawn after the lock. Served by: the primary key.
WITH ordered AS (
  SELECT pg_advisory_xact_lock(1752133227, hashtext('stream:' || CAST(:topic AS text)))
), event AS (
  INSERT INTO _honker_stream (topic, key, payload, created_at)
  SELECT CAST(:topic AS text), CAST(:key AS text), CAST(:payload AS text), CAST(:now AS bigint) FROM ordered
  RETURNING "offset", topic
)
SELECT event."offset"
FROM event CROSS JOIN LATERAL (SELECT pg_notify('honker_stream', event.topic)) AS wake
