-- Jobs this worker could start now (fetch's availability rules, queue locks aside): the
-- ready-queue depth reported by the jobs.ready gauge.
-- $1 task_identifiers text[]: the tasks the worker fetches; NULL for every task
-- $2 job_expiry_seconds float8: a job lock older than this counts as free
SELECT count(*)
  FROM __SCHEMA__.jobs j
 WHERE (j.locked_at IS NULL OR j.locked_at < now() - make_interval(secs => $2))
   AND j.run_at <= now()
   AND j.attempts < j.max_attempts
   AND ($1::text[] IS NULL OR j.task_identifier = ANY ($1))
