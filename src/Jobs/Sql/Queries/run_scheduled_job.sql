-- Fires one occurrence through the schema's run_scheduled_job (it raises ALREADY_SCHEDULED while
-- the previous job waits or runs), but only while this scheduler still holds the schedule: no
-- row back means it was deleted, replaced or taken over.
-- locked_by is compared with IS NOT DISTINCT FROM, which no index serves (why: complete_jobs_batch.sql).
-- $1 id bigint: the schedule
-- $2 worker_id text: the scheduler that must still hold it
-- $3 job_expiry_seconds float8: a previous job locked longer than this no longer blocks
WITH mine AS (
  SELECT s.id
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.id = $1 AND s.locked_by IS NOT DISTINCT FROM $2
     FOR UPDATE
)
SELECT j.*
  FROM mine, LATERAL __SCHEMA__.run_scheduled_job(id => mine.id, job_expiry => make_interval(secs => $3)) j
