-- Puts a search path back. Never run on SQLite (no search path): answers NULL.
SELECT CAST(NULL AS text)
