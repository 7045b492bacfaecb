-- Puts honker's configured schema (HonkerConfig.setSchema; quoted, its case kept) first on the search path
-- for the copy's transaction only (is_local: put back at commit or rollback, so a pooled connection goes
-- back unchanged); Schema.bootstrap then creates the schema if missing and honker's tables in it.
SELECT set_config('search_path', quote_ident(:schema) || ', ' || current_setting('search_path'), true)
