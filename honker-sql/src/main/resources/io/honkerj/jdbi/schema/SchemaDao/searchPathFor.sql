-- The search path to put back after honker's statements ran on a caller's connection with honker's schema
-- first. SQLite has no search path (and no schema name honker uses), so this is never run there: NULL.
SELECT CAST(NULL AS text)
