-- Serializes bootstraps from several processes and threads: CREATE SCHEMA/TABLE/INDEX ... IF NOT EXISTS
-- race on PostgreSQL (two sessions both find a name free, the second fails on a unique catalogue index), so
-- bootstrap takes this transaction-scoped advisory lock first and the others wait for its commit, then find
-- everything there. The key is 'honker' in ASCII (0x686f6e6b6572); the lock goes with the transaction.
SELECT 1 FROM pg_advisory_xact_lock(114776617412978)
