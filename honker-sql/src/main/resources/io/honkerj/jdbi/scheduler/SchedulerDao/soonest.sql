-- The soonest next fire of running tasks, NULL if none (upstream's honker_scheduler_soonest, which says 0).
SELECT MIN(next_fire_at) FROM _honker_scheduler_tasks WHERE enabled = 1
