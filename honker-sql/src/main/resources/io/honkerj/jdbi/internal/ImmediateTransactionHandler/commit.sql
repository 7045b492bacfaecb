-- Commits the current transaction.
COMMIT
