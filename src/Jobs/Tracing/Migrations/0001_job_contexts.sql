-- Jobs trace contexts, migration 1: the creation context of each job a Jobs (.NET) client enqueued
-- while something traced it, so the worker's span for the run can link to the span that created it.
--
-- Its own schema beside app_jobs, never inside it and without a foreign key into it: a schema pgpm
-- deployed stays as pgpm deployed it (no trigger added to its jobs table, TRUNCATE still works),
-- and dropping this schema turns the feature off without touching a job. Rows are removed by the
-- workers once their job is gone. __SCHEMA__ is the trace schema (the jobs schema's name with
-- _trace appended).

CREATE SCHEMA IF NOT EXISTS __SCHEMA__;

-- One row per job that has a creation context. job_created_at tells a job from a later one given
-- the same id (a jobs table emptied with RESTART IDENTITY hands ids out again): a context is used
-- only for the job it was stored for.
CREATE TABLE __SCHEMA__.job_contexts (
  job_id bigint PRIMARY KEY,
  job_created_at timestamptz,
  traceparent text NOT NULL CHECK (length(traceparent) <= 256),
  tracestate text CHECK (length(tracestate) <= 1024),
  stored_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE __SCHEMA__.job_contexts IS 'The W3C trace context each job was enqueued in by Jobs (.NET); the worker links the run''s span to it.';
