-- HonkerCopy, target (PostgreSQL): a batch of rate-limit windows with their counts.
INSERT INTO _honker_rate_limits (name, window_start, count)
VALUES (:name, :windowStart, :count)
