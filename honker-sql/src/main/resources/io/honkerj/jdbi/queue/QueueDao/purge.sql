-- Deletes a queue's pending jobs; claimed ones are left to their workers.
-- Served by: _honker_live_pending_deadline (queue = ?).
DELETE FROM _honker_live WHERE queue = :queue AND state = 'pending'
