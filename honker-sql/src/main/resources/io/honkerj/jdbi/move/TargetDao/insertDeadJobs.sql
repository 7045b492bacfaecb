-- HonkerCopy, target (PostgreSQL): a batch of dead letters, every column as it was (id = the job's id).
INSERT INTO _honker_dead (id, queue, payload, priority, run_at, attempts, max_attempts, last_error, created_at,
                          died_at)
VALUES (:id, :queue, :payload, :priority, :runAt, :attempts, :maxAttempts, :lastError, :createdAt, :diedAt)
