-- Puts honker's schema (quoted: its case is kept) first on the connection's search_path, for the session,
-- in front of what was there: honker's unqualified table names find its schema (current_schema() is that
-- schema once it exists), and your unqualified names on the same handle (honker.inTransaction) still find
-- your tables further down the path. Answers the new search_path.
SELECT set_config('search_path', quote_ident(:schema) || ', ' || current_setting('search_path'), false)
