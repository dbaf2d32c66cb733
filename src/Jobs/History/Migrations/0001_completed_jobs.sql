-- Jobs history, migration 1: the jobs workers completed, kept for a while.
--
-- app_jobs deletes a job when it completes, so nothing tells an operator what ran. Workers of this
-- framework write each completion here in the statement that deletes the job (see
-- complete_jobs_batch_recorded.sql): a job is in the history exactly when its completion was
-- applied. Jobs completed by other means (app_jobs.complete_job called from SQL, other workers)
-- are not. Failed attempts stay visible in app_jobs itself (last_error, attempts).
--
-- Its own schema, beside app_jobs and never inside it: a schema deployed by pgpm stays as pgpm
-- deployed it, and dropping the history schema removes the feature without touching a job.
-- __SCHEMA__ is the history schema (the jobs schema's name with _history appended).

CREATE SCHEMA IF NOT EXISTS __SCHEMA__;

-- A copy of the job as it was when it completed, with when and by whom.
-- Ids are not unique here: a jobs table emptied with RESTART IDENTITY hands the same ids out
-- again, and a completion must never fail for a record of an older job.
CREATE TABLE __SCHEMA__.completed_jobs (
  id bigint NOT NULL,
  database_id uuid,
  queue_name text,
  task_identifier text NOT NULL,
  payload json NOT NULL,
  priority int NOT NULL,
  attempts int NOT NULL,
  max_attempts int NOT NULL,
  key text,
  created_at timestamptz,
  run_at timestamptz NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now(),
  worker_id text NOT NULL
);
COMMENT ON TABLE __SCHEMA__.completed_jobs IS 'Jobs completed by Jobs (.NET) workers, kept for the retention of settings; written in the statement that completes them.';

-- Newest first for the dashboard's list and chart; oldest first for retention.
CREATE INDEX completed_jobs_completed_at_idx ON __SCHEMA__.completed_jobs (completed_at);
-- A job's record, from the dashboard's link or a job id in a log line.
CREATE INDEX completed_jobs_id_idx ON __SCHEMA__.completed_jobs (id);

-- One row: how long records are kept. Workers delete older ones a batch at a time.
CREATE TABLE __SCHEMA__.settings (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  retention interval NOT NULL DEFAULT interval '7 days' CHECK (retention > interval '0')
);
INSERT INTO __SCHEMA__.settings DEFAULT VALUES;
COMMENT ON TABLE __SCHEMA__.settings IS 'How long Jobs (.NET) keeps completed jobs (one row).';
