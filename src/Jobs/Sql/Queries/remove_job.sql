-- Removes the job with key $1 through the schema's own remove_job (0.47): deleted when unlocked
-- or its lock is older than 4 hours, otherwise defused (key cleared, attempts = max_attempts) and
-- left to finish. The job is first found within the admin's database $2 (NULL: every database)
-- and locked, so its key cannot pass to another tenant's new job before remove_job runs. No row
-- when no job of that database has the key.
-- $1 job_key text: the key
-- $2 database_id uuid: the admin's database; NULL for every database
WITH target AS (
  SELECT j.key
    FROM __SCHEMA__.jobs j
   WHERE j.key = $1 AND ($2::uuid IS NULL OR j.database_id = $2::uuid)
     FOR UPDATE
)
SELECT removed.*
  FROM target
 CROSS JOIN LATERAL __SCHEMA__.remove_job(job_key => target.key) AS removed
