-- A stand-in for the newest upstream app_jobs (0.47.0), applied on top of the installer's
-- schema: what APP_JOBS.md lists under "Newer versions" and nothing else. add_job takes
-- identifier first and db_id near the end (defaulting from JWT claims), gains attribution
-- parameters, and treats '' and 'default' as no queue; jobs gains columns; complete_job only
-- deletes the caller's own job; remove_job(job_key) appears; NOTIFY fires once per statement.
CREATE SCHEMA IF NOT EXISTS jwt_private;
CREATE OR REPLACE FUNCTION jwt_private.require_database_id() RETURNS uuid LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'DATABASE_ID_REQUIRED';
END;
$$;

ALTER TABLE app_jobs.jobs
  ADD COLUMN actor_id uuid,
  ADD COLUMN principal_id uuid,
  ADD COLUMN entity_id uuid,
  ADD COLUMN organization_id uuid,
  ADD COLUMN entity_type text,
  ADD COLUMN function_definition_id uuid,
  ADD COLUMN definition_scope text,
  ADD COLUMN is_available boolean GENERATED ALWAYS AS (locked_at IS NULL AND attempts < max_attempts) STORED;

DROP FUNCTION app_jobs.add_job(uuid, text, json, text, text, timestamptz, int, int);

CREATE FUNCTION app_jobs.add_job(
  identifier text,
  payload json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  run_at timestamptz DEFAULT now(),
  max_attempts int DEFAULT 25,
  priority int DEFAULT 0,
  db_id uuid DEFAULT jwt_private.require_database_id(),
  actor_id uuid DEFAULT NULL,
  principal_id uuid DEFAULT NULL,
  entity_id uuid DEFAULT NULL,
  organization_id uuid DEFAULT NULL
) RETURNS app_jobs.jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
  v_job app_jobs.jobs;
  v_queue text = nullif(nullif(add_job.queue_name, ''), 'default');
BEGIN
  IF job_key IS NOT NULL THEN
    INSERT INTO app_jobs.jobs AS j
      (database_id, task_identifier, payload, queue_name, run_at, max_attempts, key, priority, actor_id, principal_id, entity_id, organization_id)
    VALUES
      (db_id, identifier, coalesce(payload, '{}'::json), v_queue, coalesce(add_job.run_at, now()),
       coalesce(add_job.max_attempts, 25), job_key, coalesce(add_job.priority, 0),
       add_job.actor_id, add_job.principal_id, add_job.entity_id, add_job.organization_id)
    ON CONFLICT (key) DO UPDATE SET
      task_identifier = EXCLUDED.task_identifier, payload = EXCLUDED.payload, queue_name = EXCLUDED.queue_name,
      max_attempts = EXCLUDED.max_attempts, run_at = EXCLUDED.run_at, priority = EXCLUDED.priority,
      attempts = 0, last_error = NULL
    WHERE j.locked_at IS NULL
    RETURNING * INTO v_job;
    IF v_job.id IS NOT NULL THEN
      RETURN v_job;
    END IF;
    UPDATE app_jobs.jobs j SET key = NULL, attempts = j.max_attempts WHERE j.key = job_key;
  END IF;
  INSERT INTO app_jobs.jobs
    (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority, actor_id, principal_id, entity_id, organization_id)
  VALUES
    (db_id, identifier, add_job.payload, v_queue, add_job.run_at, add_job.max_attempts, add_job.priority,
     add_job.actor_id, add_job.principal_id, add_job.entity_id, add_job.organization_id)
  RETURNING * INTO v_job;
  RETURN v_job;
END;
$$;

CREATE OR REPLACE FUNCTION app_jobs.complete_job(worker_id text, job_id bigint) RETURNS app_jobs.jobs
LANGUAGE plpgsql AS $$
DECLARE
  v_row app_jobs.jobs;
BEGIN
  DELETE FROM app_jobs.jobs j WHERE j.id = job_id AND j.locked_by = worker_id RETURNING * INTO v_row;
  IF v_row.queue_name IS NOT NULL THEN
    UPDATE app_jobs.job_queues q SET locked_by = NULL, locked_at = NULL
     WHERE q.queue_name = v_row.queue_name AND q.locked_by = worker_id;
  END IF;
  RETURN v_row;
END;
$$;

-- remove_job: deletes the keyed job when unlocked or its lock is older than 4 hours; otherwise
-- defuses it (key cleared, attempts = max_attempts) and returns it; the all-NULL row when no job
-- has the key.
CREATE FUNCTION app_jobs.remove_job(job_key text) RETURNS app_jobs.jobs
LANGUAGE plpgsql STRICT AS $$
DECLARE
  v_job app_jobs.jobs;
BEGIN
  DELETE FROM app_jobs.jobs j
   WHERE j.key = job_key AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING * INTO v_job;
  IF v_job.id IS NOT NULL THEN
    RETURN v_job;
  END IF;
  UPDATE app_jobs.jobs j SET key = NULL, attempts = j.max_attempts WHERE j.key = job_key
  RETURNING * INTO v_job;
  RETURN v_job;
END;
$$;

DROP TRIGGER _900_notify_worker ON app_jobs.jobs;
CREATE TRIGGER _900_notify_worker
  AFTER INSERT ON app_jobs.jobs
  FOR EACH STATEMENT EXECUTE PROCEDURE app_jobs.do_notify('jobs:insert');

-- add_scheduled_job: identifier first, db_id near the end with a JWT default, as add_job.
DROP FUNCTION app_jobs.add_scheduled_job(uuid, text, json, json, text, text, int, int);

CREATE FUNCTION app_jobs.add_scheduled_job(
  identifier text,
  payload json DEFAULT '{}'::json,
  schedule_info json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  max_attempts int DEFAULT 25,
  priority int DEFAULT 0,
  db_id uuid DEFAULT jwt_private.require_database_id(),
  actor_id uuid DEFAULT NULL
) RETURNS app_jobs.scheduled_jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
  v_job app_jobs.scheduled_jobs;
BEGIN
  IF job_key IS NOT NULL THEN
    INSERT INTO app_jobs.scheduled_jobs AS s
      (database_id, task_identifier, payload, queue_name, schedule_info, max_attempts, key, priority)
    VALUES
      (db_id, identifier, coalesce(payload, '{}'::json), add_scheduled_job.queue_name,
       add_scheduled_job.schedule_info, coalesce(add_scheduled_job.max_attempts, 25), job_key,
       coalesce(add_scheduled_job.priority, 0))
    ON CONFLICT (key) DO UPDATE SET
      task_identifier = EXCLUDED.task_identifier, payload = EXCLUDED.payload, queue_name = EXCLUDED.queue_name,
      max_attempts = EXCLUDED.max_attempts, schedule_info = EXCLUDED.schedule_info, priority = EXCLUDED.priority
    WHERE s.locked_at IS NULL
    RETURNING * INTO v_job;
    IF v_job.id IS NOT NULL THEN
      RETURN v_job;
    END IF;
    DELETE FROM app_jobs.scheduled_jobs s WHERE s.key = job_key;
  END IF;
  INSERT INTO app_jobs.scheduled_jobs
    (database_id, task_identifier, payload, queue_name, schedule_info, max_attempts, priority)
  VALUES
    (db_id, identifier, add_scheduled_job.payload, add_scheduled_job.queue_name,
     add_scheduled_job.schedule_info, add_scheduled_job.max_attempts, add_scheduled_job.priority)
  RETURNING * INTO v_job;
  RETURN v_job;
END;
$$;
