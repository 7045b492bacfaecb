-- Upstream honker's per-connection settings, set on every connection the plugin customizes.
-- busy_timeout comes first so that switching to WAL waits for other openers instead of failing.
-- wal_autocheckpoint stays upstream's 10000 pages, as a safety net only: a background thread checkpoints
-- the WAL every ~2000 pages (io/honkerj/jdbi/watch/WalCheckpointer/checkpoint.sql), so no commit of ours
-- reaches it unless that thread falls far behind.
PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -32000;
PRAGMA temp_store = MEMORY;
PRAGMA wal_autocheckpoint = 10000;
