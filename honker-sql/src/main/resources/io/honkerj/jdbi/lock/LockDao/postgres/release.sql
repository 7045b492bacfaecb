-- Releases the lock if this owner holds it, and in the same statement sends NOTIFY honker_lock with the
-- lock's name: delivered when the release commits, it wakes the processes waiting in lock(). A row is
-- deleted only through the join with the notifying subquery, so a release always notifies (a release that
-- deletes nothing may notify too: a waiter then re-checks and sleeps again). Served by: the primary key.
DELETE FROM _honker_locks
USING (SELECT pg_notify('honker_lock', CAST(:name AS text))) AS wake
WHERE name = :name AND owner = :owner
