-- ready_count.sql on a schema with 0.47's is_available column: the jobs this worker could start
-- now, as fetch_available_jobs.sql sees them (no expiry: an expired job lock is not available there).
-- $1 task_identifiers text[]: the tasks the worker fetches; NULL for every task
SELECT count(*)
  FROM __SCHEMA__.jobs j
 WHERE j.is_available = true
   AND j.run_at <= now()
   AND ($1::text[] IS NULL OR j.task_identifier = ANY ($1))
