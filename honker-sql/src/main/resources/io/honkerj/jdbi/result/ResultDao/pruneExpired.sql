-- Deletes expired results (upstream's result_sweep). A maintenance statement: scans the table.
DELETE FROM _honker_results WHERE expires_at IS NOT NULL AND expires_at <= :now
