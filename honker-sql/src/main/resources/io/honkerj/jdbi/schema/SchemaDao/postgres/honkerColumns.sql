-- PostgreSQL: every column of every table named _honker_* in the connection's current schema, as
-- "table.column", in column order (upstream's tables only: _honkerj_* does not match), so an existing table
-- of another shape is found before bootstrap creates anything.
SELECT c.table_name || '.' || c.column_name
FROM information_schema.columns c
WHERE c.table_schema = current_schema() AND c.table_name LIKE '\_honker\_%' ESCAPE '\'
ORDER BY c.table_name, c.ordinal_position
