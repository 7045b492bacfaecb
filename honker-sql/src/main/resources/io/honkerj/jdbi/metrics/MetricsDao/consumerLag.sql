-- Each stream consumer's lag per topic: the topic's events after the consumer's saved offset.
-- Served by: a scan of _honker_stream_consumers (one row per consumer and topic), and for each a range
-- count on _honker_stream_topic (topic, offset > saved offset).
SELECT c.name AS consumer, c.topic,
       (SELECT count(*) FROM _honker_stream s WHERE s.topic = c.topic AND s.offset > c.offset) AS lag
FROM _honker_stream_consumers c
