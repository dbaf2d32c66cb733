-- Unclaims every schedule the scheduler holds, when it stops.
-- $1 worker_id text: the scheduler stopping
SELECT __SCHEMA__.release_scheduled_jobs(worker_id => $1)
