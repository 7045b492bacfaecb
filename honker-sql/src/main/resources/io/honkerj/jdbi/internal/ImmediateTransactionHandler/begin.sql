-- Starts a write transaction that takes the write lock at once, so it never fails to upgrade later.
BEGIN IMMEDIATE
