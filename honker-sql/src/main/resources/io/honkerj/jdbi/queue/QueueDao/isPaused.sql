-- Whether a queue is paused. Served by: the primary key of _honkerj_paused_queues.
SELECT EXISTS (SELECT 1 FROM _honkerj_paused_queues WHERE queue = :queue)
