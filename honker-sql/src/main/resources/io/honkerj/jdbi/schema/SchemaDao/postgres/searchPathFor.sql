-- Before honker's statements run on a caller's connection (attach(handle)) with a configured schema: NULL
-- if the connection's current schema already is honker's (nothing to change), else its search_path as it
-- is now, to be put back after them (setSearchPath).
SELECT CASE WHEN current_schema() = :schema THEN NULL ELSE current_setting('search_path') END
