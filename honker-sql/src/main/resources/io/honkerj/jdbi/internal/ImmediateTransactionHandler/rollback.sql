-- Rolls back the current transaction.
ROLLBACK
