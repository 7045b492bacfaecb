-- Resumes a paused queue; a no-op if it is not paused. Served by: the primary key of _honkerj_paused_queues.
DELETE FROM _honkerj_paused_queues WHERE queue = :queue
