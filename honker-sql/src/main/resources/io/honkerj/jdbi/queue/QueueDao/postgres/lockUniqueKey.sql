-- Holds a queue's unique key until commit: a transaction-level advisory lock (class 1752133227, 'honk';
-- key hashtext('unique:' || length(queue) || ':' || queue || key), unambiguous for any pair), so racing
-- enqueues of one key run their lookup (uniqueJob.sql, the next statement, whose snapshot is taken after
-- this wait), insert and holdUniqueKey one after the other under READ COMMITTED. Two keys with the same
-- hash only wait on each other.
SELECT 1 FROM pg_advisory_xact_lock(1752133227,
  hashtext('unique:' || length(CAST(:queue AS text)) || ':' || CAST(:queue AS text) || CAST(:key AS text)))
