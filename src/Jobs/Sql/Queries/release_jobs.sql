-- $1 worker_id text: the worker whose jobs and queues are released
SELECT __SCHEMA__.release_jobs(worker_id => $1)
