-- HonkerCopy, source (SQLite): the unique keys of honker-jdbi's _honkerj_unique_jobs whose job is still
-- live (a row whose job is gone holds nothing), in primary-key order; each lookup of _honker_live is by
-- its primary key.
SELECT u.queue, u.unique_key, u.job_id
FROM _honkerj_unique_jobs u
WHERE EXISTS (SELECT 1 FROM _honker_live l WHERE l.id = u.job_id)
ORDER BY u.queue, u.unique_key
