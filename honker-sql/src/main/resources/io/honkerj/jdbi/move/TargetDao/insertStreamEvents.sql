-- HonkerCopy, target (PostgreSQL): a batch of stream events with their source offsets ("offset" is GENERATED
-- BY DEFAULT; advanceStreamOffsets moves its sequence past them afterwards).
INSERT INTO _honker_stream ("offset", topic, key, payload, created_at)
VALUES (:offset, :topic, :key, :payload, :createdAt)
