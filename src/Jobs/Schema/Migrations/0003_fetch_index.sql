-- Jobs schema, migration 3: an index of the jobs that can still run. app_jobs keeps permanently
-- failed jobs (attempts = max_attempts) for ever, and priority_run_at_id_idx lists them in the
-- same (priority, run_at, id) order as the jobs waiting to run, mostly ahead of them. With
-- 900,000 failed rows every fetch walked past all of them. This index leaves them out, so get_job
-- and the batched fetch (whose conditions imply its predicate) walk only live jobs. It adds no
-- behaviour; on a pgpm-deployed schema the same statement can be run (README: "Tuning a
-- pgpm-deployed schema").
CREATE INDEX IF NOT EXISTS jobs_runnable_priority_run_at_id_idx
  ON __SCHEMA__.jobs (priority, run_at, id)
  WHERE attempts < max_attempts;
