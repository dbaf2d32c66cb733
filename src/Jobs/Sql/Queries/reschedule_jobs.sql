-- The ids are first narrowed to the admin's database $6 (NULL: every database) in the same
-- statement, so reschedule_jobs never sees another tenant's job.
SELECT * FROM __SCHEMA__.reschedule_jobs(
  job_ids => ARRAY(SELECT j.id FROM __SCHEMA__.jobs j WHERE j.id = ANY ($1) AND ($6::uuid IS NULL OR j.database_id = $6::uuid)),
  run_at => $2, priority => $3, attempts => $4, max_attempts => $5)
