-- HonkerCopy, target (PostgreSQL): a batch of consumers' saved offsets, (name = consumer, topic) as stored.
INSERT INTO _honker_stream_consumers (name, topic, "offset")
VALUES (:name, :topic, :offset)
