-- HonkerCopy, target (PostgreSQL): a batch of paused queues: they stay paused for every honker-jdbi claimer.
INSERT INTO _honkerj_paused_queues (queue, paused_at)
VALUES (:queue, :pausedAt)
