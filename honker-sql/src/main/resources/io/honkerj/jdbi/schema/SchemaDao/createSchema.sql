-- Creates honker's schema. SQLite has no schemas honker could use (HonkerConfig refuses a schema name on
-- SQLite), so this is never run there; it answers 1.
SELECT 1
