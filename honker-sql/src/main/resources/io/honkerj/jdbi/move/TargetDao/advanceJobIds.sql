-- HonkerCopy, target (PostgreSQL): moves _honker_live's identity sequence to at least :jobId (the source's
-- highest job id ever, see SourceDao/highWater.sql), so the next enqueue gets :jobId + 1 or more; never
-- moves it back. Returns the sequence's new value.
SELECT setval(pg_get_serial_sequence('_honker_live', 'id'),
              greatest(:jobId, coalesce(pg_sequence_last_value(pg_get_serial_sequence('_honker_live', 'id')::regclass), 0)))
