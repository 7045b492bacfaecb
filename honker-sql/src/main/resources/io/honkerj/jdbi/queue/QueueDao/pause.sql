-- Pauses a queue for every honker-jdbi claimer on this file (pools, claimOne, claim wakers) until resumed;
-- idempotent (the first pause's time is kept). Served by: the primary key of _honkerj_paused_queues.
INSERT OR IGNORE INTO _honkerj_paused_queues (queue, paused_at) VALUES (:queue, :now)
