SELECT __SCHEMA__.release_scheduled_jobs(worker_id => $1)
