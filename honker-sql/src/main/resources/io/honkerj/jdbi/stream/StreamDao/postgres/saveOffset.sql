-- Saves a consumer's offset for a topic, never backwards: inserts the first save, raises a smaller one,
-- ignores anything else (0 rows changed). Row keyed (name = consumer, topic) as upstream's Python/Rust.
-- Served by: the primary key (name, topic).
INSERT INTO _honker_stream_consumers AS c (name, topic, "offset") VALUES (:consumer, :topic, :offset)
ON CONFLICT (name, topic) DO UPDATE SET "offset" = excluded."offset" WHERE excluded."offset" > c."offset"
