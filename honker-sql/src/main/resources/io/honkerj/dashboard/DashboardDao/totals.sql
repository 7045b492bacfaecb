-- Totals for the throughput chart: the highest job id ever handed out (sqlite_sequence of _honker_live),
-- and how many jobs are live and dead now. Between two samples, jobs finished = new ids - growth of live -
-- growth of dead. Served by: sqlite_sequence's single row, then count(*) over each table.
SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = '_honker_live'), 0) AS last_id,
       (SELECT count(*) FROM _honker_live) AS live,
       (SELECT count(*) FROM _honker_dead) AS dead
