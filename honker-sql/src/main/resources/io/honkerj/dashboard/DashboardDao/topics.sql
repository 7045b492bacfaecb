-- Every stream topic with its event count, newest offset and newest event time.
-- Served by: _honker_stream_topic (topic, offset), grouped in index order.
SELECT topic, count(*) AS events, max(offset) AS last_offset, max(created_at) AS last_at
FROM _honker_stream
GROUP BY topic
ORDER BY topic
