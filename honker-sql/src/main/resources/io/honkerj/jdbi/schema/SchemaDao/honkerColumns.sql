-- Every column of every existing table named _honker_*, as 'table.column', to find a table of another shape
-- (an application's own _honker_live, say) before bootstrap creates anything beside it. Reads the catalogue
-- only (sqlite_master and pragma_table_info), no index needed.
SELECT m.name || '.' || p.name
FROM sqlite_master m JOIN pragma_table_info(m.name) p
WHERE m.type = 'table' AND m.name LIKE '\_honker\_%' ESCAPE '\'
ORDER BY m.name, p.cid
