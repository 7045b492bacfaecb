-- HonkerCopy, target (PostgreSQL): moves _honker_stream's identity sequence to at least :streamOffset (the
-- source's highest offset ever), so the next event is published after every copied event and saved offset;
-- never moves it back. Returns the sequence's new value.
SELECT setval(pg_get_serial_sequence('_honker_stream', 'offset'),
              greatest(:streamOffset, coalesce(pg_sequence_last_value(pg_get_serial_sequence('_honker_stream', 'offset')::regclass), 0)))
