-- A counter SQLite bumps whenever another connection commits to the file (not this connection's own
-- commits: hence the watcher's dedicated connection). One read of the WAL index, no table access.
PRAGMA data_version
