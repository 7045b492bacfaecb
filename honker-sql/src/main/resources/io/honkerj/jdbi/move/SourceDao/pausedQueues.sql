-- HonkerCopy, source (SQLite): the queues paused for every honker-jdbi pool (_honkerj_paused_queues), in
-- primary-key order.
SELECT queue, paused_at
FROM _honkerj_paused_queues
ORDER BY queue
