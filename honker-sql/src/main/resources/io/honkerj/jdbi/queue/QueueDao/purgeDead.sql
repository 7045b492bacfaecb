-- Deletes a queue's dead jobs. _honker_dead has no index (as upstream): a scan.
DELETE FROM _honker_dead WHERE queue = :queue
