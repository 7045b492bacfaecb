-- Every stream consumer's saved offset per topic and its lag: the topic's events after that offset.
-- Served by: a scan of _honker_stream_consumers (one row per consumer and topic), and for each a range
-- count on _honker_stream_topic (topic, offset > saved offset).
SELECT c.name AS consumer, c.topic, c.offset,
       (SELECT count(*) FROM _honker_stream s WHERE s.topic = c.topic AND s.offset > c.offset) AS lag
FROM _honker_stream_consumers c
ORDER BY c.topic, c.name
