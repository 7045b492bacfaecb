-- Resumes a paused queue; a no-op if it is not paused. When it was paused, sends NOTIFY honker_queue with
-- the queue's name, delivered at commit, so waiting claimers take its jobs at once.
-- Served by: the primary key of _honkerj_paused_queues.
WITH paused AS (
  SELECT queue FROM _honkerj_paused_queues WHERE queue = :queue FOR UPDATE
), wake AS (
  SELECT paused.queue, pg_notify('honker_queue', paused.queue) FROM paused
)
DELETE FROM _honkerj_paused_queues p
USING wake
WHERE p.queue = wake.queue
