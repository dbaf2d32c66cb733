-- Named queues with their job counts and locks. job_queues counts the jobs of every database, so
-- for one database ($1) the count is that database's jobs, and queues without any are left out.
-- The lock is shown as it is, whoever's job holds it: a queue runs one job at a time across
-- databases, so another tenant's running job is what keeps this tenant's waiting.
-- $1 database_id uuid: the admin's database; NULL for every database
WITH own AS (
  SELECT j.queue_name, count(*)::int AS job_count
    FROM __SCHEMA__.jobs j
   WHERE $1::uuid IS NOT NULL AND j.database_id = $1::uuid AND j.queue_name IS NOT NULL
   GROUP BY j.queue_name
)
SELECT q.queue_name, CASE WHEN $1::uuid IS NULL THEN q.job_count ELSE own.job_count END AS job_count,
       q.locked_at, q.locked_by
  FROM __SCHEMA__.job_queues q
  LEFT JOIN own ON own.queue_name = q.queue_name
 WHERE $1::uuid IS NULL OR own.job_count IS NOT NULL
 ORDER BY q.queue_name
