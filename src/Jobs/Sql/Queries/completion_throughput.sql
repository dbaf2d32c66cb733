-- Completed jobs per interval of $2 seconds over the last $1 of them, oldest first, every interval
-- present (zero when nothing completed), within the admin's database $3 (NULL: every database).
-- Intervals end at now(): the last one is the newest, partly elapsed. Reads the completed_at index
-- over the window only.
-- $1 buckets int: how many intervals
-- $2 bucket_seconds int: the length of each, in seconds
-- $3 database_id uuid: the admin's database; NULL for every database
WITH bounds AS (
  SELECT now() - make_interval(secs => $1::bigint * $2) AS since
),
counted AS (
  SELECT floor(extract(epoch FROM c.completed_at - b.since) / $2)::int AS bucket, count(*) AS completed
    FROM __HISTORY__.completed_jobs c, bounds b
   WHERE c.completed_at >= b.since
     AND ($3::uuid IS NULL OR c.database_id = $3)
   GROUP BY 1
)
SELECT b.since + make_interval(secs => n::bigint * $2) AS starts_at, coalesce(c.completed, 0) AS completed
  FROM bounds b
 CROSS JOIN generate_series(0, $1 - 1) AS n
  LEFT JOIN counted c ON c.bucket = n
 ORDER BY n
