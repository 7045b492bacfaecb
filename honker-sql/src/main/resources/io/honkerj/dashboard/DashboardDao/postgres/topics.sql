-- Every stream topic with its event count, newest offset and newest event time. PostgreSQL: the column
-- "offset" quoted (OFFSET is a reserved word). Served by: _honker_stream_topic (topic, offset).
SELECT topic, count(*) AS events, max("offset") AS last_offset, max(created_at) AS last_at
FROM _honker_stream
GROUP BY topic
ORDER BY topic
