-- Totals for the throughput chart: the highest job id ever handed out (the last value of _honker_live's
-- identity sequence, as sqlite_sequence on SQLite; 0 before the first job), and how many jobs are live and
-- dead now. Between two samples, jobs finished = new ids - growth of live - growth of dead.
-- Served by: the sequence's single row, then count(*) over each table.
SELECT coalesce(pg_sequence_last_value(CAST(pg_get_serial_sequence('_honker_live', 'id') AS regclass)), 0) AS last_id,
       (SELECT count(*) FROM _honker_live) AS live,
       (SELECT count(*) FROM _honker_dead) AS dead
