-- HonkerCopy, source (SQLite): every stream event of _honker_stream with its offset, in offset order (the
-- primary key). The copy keeps the offsets, so consumers' saved offsets keep pointing at the same events.
SELECT "offset", topic, key, payload, created_at
FROM _honker_stream
ORDER BY "offset"
