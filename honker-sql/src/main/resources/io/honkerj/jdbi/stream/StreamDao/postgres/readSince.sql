-- A topic's events after :offset, oldest first ("offset" is quoted: a reserved word in PostgreSQL).
-- Served by: _honker_stream_topic (topic = ? AND offset > ?).
SELECT "offset", topic, key, payload, created_at FROM _honker_stream
WHERE topic = :topic AND "offset" > :offset
ORDER BY "offset"
LIMIT :limit
