-- The expired-lock rescuer, run by every worker: frees jobs and named queues whose lock is older
-- than $1 seconds, the job expiry. Live workers renew their locks every expiry/4, so such a lock
-- belongs to a worker that died; on 0.16's get_job an expired lock is simply taken again, but
-- 0.47's get_job never takes one (it only takes is_available rows), so without this a crashed
-- worker's jobs would wait for ever. As with get_job's expiry, the attempt is not given back: the
-- job did start, and a job that kills its worker must still run out of attempts. The WHERE is
-- re-checked on the newest row version, so a lock renewed meanwhile is left alone.
-- $1 job_expiry_seconds float8: a lock older than this is freed
WITH jobs_freed AS (
  UPDATE __SCHEMA__.jobs j
     SET locked_by = NULL, locked_at = NULL
   WHERE j.locked_by IS NOT NULL
     AND j.locked_at < now() - make_interval(secs => $1)
  RETURNING j.id
),
queues_freed AS (
  UPDATE __SCHEMA__.job_queues q
     SET locked_by = NULL, locked_at = NULL
   WHERE q.locked_by IS NOT NULL
     AND q.locked_at < now() - make_interval(secs => $1)
  RETURNING q.queue_name
)
SELECT (SELECT count(*) FROM jobs_freed)::int, (SELECT count(*) FROM queues_freed)::int
