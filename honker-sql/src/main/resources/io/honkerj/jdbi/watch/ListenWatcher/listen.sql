-- The channels honker's PostgreSQL statements send wake-ups on, listened to by the one dedicated connection
-- of ListenWatcher. Convention: every write a waiter may block on sends pg_notify('honker_<room>', <name>)
-- in its own statement, so PostgreSQL delivers it when (and only if) the writer's transaction commits:
--   honker_queue      payload: the queue's name   (enqueue, enqueueAll, requeueDead, release, retry, resume)
--   honker_notify     payload: the channel        (notify(), honker's notifications)
--   honker_stream     payload: the topic          (publish)
--   honker_lock       payload: the lock's name    (release)
--   honker_result     payload: the job id, text   (save)
--   honker_scheduler  payload: the task's name    (register, update, resume...)
-- Every waiter is woken on any of them and re-checks its own condition (one indexed query), as on SQLite.
LISTEN honker_queue;
LISTEN honker_notify;
LISTEN honker_stream;
LISTEN honker_lock;
LISTEN honker_result;
LISTEN honker_scheduler
