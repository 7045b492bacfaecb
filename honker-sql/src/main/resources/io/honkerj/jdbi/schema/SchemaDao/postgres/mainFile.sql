-- The database's file, for the SQLite change watcher: a PostgreSQL database has none it could watch
-- ('' as for a SQLite memory database); wake-ups come through LISTEN/NOTIFY (Engine.listenNotify()).
SELECT CAST('' AS text)
