-- Drops every limit's windows that started before :before (upstream's rate_limit_sweep).
-- A maintenance statement: scans the table.
DELETE FROM _honker_rate_limits WHERE window_start < :before
