-- Puts honker's schema first on the connection's search path. Never run on SQLite (no search path, and
-- HonkerConfig refuses a schema name there): answers NULL.
SELECT CAST(NULL AS text)
