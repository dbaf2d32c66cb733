-- Retry now: due immediately with a fresh set of attempts; running jobs are left alone.
SELECT * FROM __SCHEMA__.reschedule_jobs(job_ids => $1, run_at => now(), attempts => 0)
