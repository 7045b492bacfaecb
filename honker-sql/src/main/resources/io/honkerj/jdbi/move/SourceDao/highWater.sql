-- HonkerCopy, source (SQLite): the highest job id and stream offset the file ever handed out. AUTOINCREMENT
-- keeps them in sqlite_sequence even after the rows are gone (acked jobs); dead letters, results and
-- consumer offsets may name ids past what live rows show. The target's identities start after these, so a
-- new job never takes the id of an old job's dead letter or result, and a new event lands after every
-- saved offset. sqlite_sequence and max() over primary keys, except the consumers' offsets (a scan of that
-- small table: one row per consumer and topic).
SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '_honker_live'), 0),
           coalesce((SELECT max(id) FROM _honker_live), 0),
           coalesce((SELECT max(id) FROM _honker_dead), 0),
           coalesce((SELECT max(job_id) FROM _honker_results), 0)) AS job_id,
       max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '_honker_stream'), 0),
           coalesce((SELECT max("offset") FROM _honker_stream), 0),
           coalesce((SELECT max("offset") FROM _honker_stream_consumers), 0)) AS stream_offset
