SELECT * FROM __SCHEMA__.reschedule_jobs(job_ids => $1, run_at => $2, priority => $3, attempts => $4, max_attempts => $5)
