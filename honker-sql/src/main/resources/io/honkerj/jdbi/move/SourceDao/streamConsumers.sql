-- HonkerCopy, source (SQLite): every consumer's saved offset, stored as (name = consumer, topic) like
-- upstream, in primary-key order.
SELECT name, topic, "offset"
FROM _honker_stream_consumers
ORDER BY name, topic
