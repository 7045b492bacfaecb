-- Appends an event; offsets come from one sequence for all topics, as upstream. Served by: the primary key.
INSERT INTO _honker_stream (topic, key, payload, created_at) VALUES (:topic, :key, :payload, :now)
RETURNING offset
