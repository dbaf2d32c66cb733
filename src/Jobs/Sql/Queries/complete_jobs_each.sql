-- complete_job once per job, in one statement (one round trip, one commit), in the given order,
-- for the jobs this worker still holds in the attempt that produced each result (its number $3,
-- or its lock time $4 where an admin changed attempts: see complete_jobs_batch.sql). complete_job itself deletes whatever id it is given on 0.16 (0.47 checks
-- the worker, not the attempt), so a result whose lock expired and was taken again would delete
-- the later attempt's job: held locks each matching row first (a row locked by another fetch is
-- waited for and re-checked), and only those reach complete_job. Ids left out were stale.
-- $1 worker_id text: the worker reporting
-- $2 job_ids bigint[]: the jobs completed, in the order complete_job is called
-- $3 attempts int[]: the attempt of each, as fetched
-- $4 locked_ats timestamptz[]: the lock time of each, as last written by this worker
WITH held AS MATERIALIZED (
  SELECT r.id, r.n
    FROM unnest($2::bigint[], $3::int[], $4::timestamptz[]) WITH ORDINALITY AS r(id, attempt, locked_at, n)
    JOIN __SCHEMA__.jobs j ON j.id = r.id AND j.locked_by = $1 AND (j.attempts = r.attempt OR j.locked_at = r.locked_at)
     FOR UPDATE OF j
)
SELECT done.id
  FROM held h
 CROSS JOIN LATERAL __SCHEMA__.complete_job(worker_id => $1, job_id => h.id) AS done
 ORDER BY h.n
