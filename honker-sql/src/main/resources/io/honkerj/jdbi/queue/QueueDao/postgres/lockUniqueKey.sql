-- Serializes enqueues of one queue's unique key, before uniqueJob looks for a holder: without it two
-- transactions both find no holder, both insert a job, and holdUniqueKey's upsert lets the later one win
-- (two live jobs for one key; 51 of 50 in 3 processes racing on 50 keys). The lock is transaction-scoped
-- (released at commit or rollback) and is taken in a statement of its own, so uniqueJob's next statement
-- reads a snapshot taken after the previous holder committed. Keys are the two 32-bit form (a key space
-- apart from the one-bigint locks honker takes elsewhere); a hash collision only makes two keys wait on each
-- other. Served by: no table (an advisory lock).
SELECT 1 FROM pg_advisory_xact_lock(hashtext(:queue), hashtext(:key))
