-- Upstream honker's per-connection settings, set on every connection the plugin customizes.
-- busy_timeout comes first so that switching to WAL waits for other openers instead of failing.
-- wal_autocheckpoint is 100000 pages instead of upstream's 10000: a background thread checkpoints the WAL
-- every ~2000 pages and starts it over past ~4000 (io/honkerj/jdbi/watch/WalCheckpointer/), so no commit
-- of ours runs a checkpoint; the 100000 pages are only a safety net should that thread be starved.
PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -32000;
PRAGMA temp_store = MEMORY;
PRAGMA wal_autocheckpoint = 100000;
