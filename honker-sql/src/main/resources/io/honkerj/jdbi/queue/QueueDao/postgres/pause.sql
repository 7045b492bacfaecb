-- Pauses a queue for every honker-jdbi worker pool on this database; pausing twice keeps the first time.
-- Served by: the primary key.
INSERT INTO _honkerj_paused_queues (queue, paused_at) VALUES (:queue, :now)
ON CONFLICT (queue) DO NOTHING
