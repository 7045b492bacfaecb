-- A consumer's saved offset for a topic, 0 if none ("offset" quoted: reserved in PostgreSQL).
-- Served by: the primary key (name, topic).
SELECT COALESCE((SELECT "offset" FROM _honker_stream_consumers WHERE name = :consumer AND topic = :topic), 0)
