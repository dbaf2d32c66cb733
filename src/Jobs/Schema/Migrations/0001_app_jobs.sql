-- Jobs schema, migration 1: the app_jobs schema as @pgpm/database-jobs 0.16.0 defines it.
-- Written from the behaviour described in APP_JOBS.md; every object name, parameter name,
-- default and return type matches the genuine package so that code written for either works
-- with both. __SCHEMA__ is replaced by the validated, quoted schema name before this runs.
-- Differences from the genuine SQL, all invisible to callers:
--   * the core gen_random_uuid() is used, so pgcrypto and superuser rights are not needed;
--   * grants to the role "administrator" are issued only when that role exists;
--   * json_build_object_apply quotes its arguments properly instead of splicing them into SQL.

CREATE SCHEMA IF NOT EXISTS __SCHEMA__;

CREATE FUNCTION __SCHEMA__.tg_update_timestamps() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at = now();
    NEW.updated_at = now();
  ELSIF TG_OP = 'UPDATE' THEN
    NEW.created_at = OLD.created_at;
    -- strictly increasing, even for two updates within one transaction
    NEW.updated_at = greatest(now(), OLD.updated_at + interval '1 millisecond');
  END IF;
  RETURN NEW;
END;
$$;

CREATE FUNCTION __SCHEMA__.do_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NEW;
END;
$$;

CREATE TABLE __SCHEMA__.jobs (
  id bigserial PRIMARY KEY,
  database_id uuid NOT NULL,
  queue_name text DEFAULT gen_random_uuid()::text,
  task_identifier text NOT NULL,
  payload json NOT NULL DEFAULT '{}'::json,
  priority int NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 25,
  key text,
  last_error text,
  locked_at timestamptz,
  locked_by text,
  created_at timestamptz DEFAULT now(),
  updated_at timestamptz DEFAULT now(),
  CHECK (length(key) < 513),
  CHECK (length(task_identifier) < 127),
  CHECK (max_attempts > 0),
  CHECK (length(queue_name) < 127),
  CHECK (length(locked_by) > 3),
  UNIQUE (key)
);

CREATE TABLE __SCHEMA__.job_queues (
  queue_name text NOT NULL PRIMARY KEY,
  job_count int NOT NULL DEFAULT 0,
  locked_at timestamptz,
  locked_by text
);

CREATE TABLE __SCHEMA__.scheduled_jobs (
  id bigserial PRIMARY KEY,
  database_id uuid NOT NULL,
  queue_name text DEFAULT gen_random_uuid()::text,
  task_identifier text NOT NULL,
  payload json NOT NULL DEFAULT '{}'::json,
  priority int NOT NULL DEFAULT 0,
  max_attempts int NOT NULL DEFAULT 25,
  key text,
  locked_at timestamptz,
  locked_by text,
  schedule_info json NOT NULL,
  last_scheduled timestamptz,
  last_scheduled_id bigint,
  CHECK (length(key) < 513),
  CHECK (length(task_identifier) < 127),
  CHECK (max_attempts > 0),
  CHECK (length(queue_name) < 127),
  CHECK (length(locked_by) > 3),
  UNIQUE (key)
);

CREATE INDEX priority_run_at_id_idx ON __SCHEMA__.jobs (priority, run_at, id);
CREATE INDEX jobs_locked_by_idx ON __SCHEMA__.jobs (locked_by);
CREATE INDEX job_queues_locked_by_idx ON __SCHEMA__.job_queues (locked_by);
CREATE INDEX scheduled_jobs_priority_id_idx ON __SCHEMA__.scheduled_jobs (priority, id);
CREATE INDEX scheduled_jobs_locked_by_idx ON __SCHEMA__.scheduled_jobs (locked_by);

-- job_queues.job_count follows the number of jobs per named queue; the row goes at zero.
CREATE FUNCTION __SCHEMA__.tg_increase_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO __SCHEMA__.job_queues AS q (queue_name, job_count)
  VALUES (NEW.queue_name, 1)
  ON CONFLICT (queue_name) DO UPDATE SET job_count = q.job_count + 1;
  RETURN NEW;
END;
$$;

CREATE FUNCTION __SCHEMA__.tg_decrease_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_count int;
BEGIN
  UPDATE __SCHEMA__.job_queues q
     SET job_count = q.job_count - 1
   WHERE q.queue_name = OLD.queue_name
  RETURNING q.job_count INTO v_count;
  IF v_count <= 0 THEN
    DELETE FROM __SCHEMA__.job_queues q
     WHERE q.queue_name = OLD.queue_name AND q.job_count <= 0;
  END IF;
  RETURN OLD;
END;
$$;

CREATE TRIGGER _100_update_jobs_modtime_tg
  BEFORE INSERT OR UPDATE ON __SCHEMA__.jobs
  FOR EACH ROW EXECUTE PROCEDURE __SCHEMA__.tg_update_timestamps();

CREATE TRIGGER _500_increase_job_queue_count_on_insert
  AFTER INSERT ON __SCHEMA__.jobs
  FOR EACH ROW WHEN (NEW.queue_name IS NOT NULL)
  EXECUTE PROCEDURE __SCHEMA__.tg_increase_job_queue_count();

CREATE TRIGGER _500_increase_job_queue_count_on_update
  AFTER UPDATE OF queue_name ON __SCHEMA__.jobs
  FOR EACH ROW WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND NEW.queue_name IS NOT NULL)
  EXECUTE PROCEDURE __SCHEMA__.tg_increase_job_queue_count();

CREATE TRIGGER decrease_job_queue_count_on_delete
  AFTER DELETE ON __SCHEMA__.jobs
  FOR EACH ROW WHEN (OLD.queue_name IS NOT NULL)
  EXECUTE PROCEDURE __SCHEMA__.tg_decrease_job_queue_count();

CREATE TRIGGER decrease_job_queue_count_on_update
  AFTER UPDATE OF queue_name ON __SCHEMA__.jobs
  FOR EACH ROW WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND OLD.queue_name IS NOT NULL)
  EXECUTE PROCEDURE __SCHEMA__.tg_decrease_job_queue_count();

CREATE TRIGGER _900_notify_worker
  AFTER INSERT ON __SCHEMA__.jobs
  FOR EACH ROW EXECUTE PROCEDURE __SCHEMA__.do_notify('jobs:insert');

CREATE TRIGGER _900_notify_scheduled_job
  AFTER INSERT ON __SCHEMA__.scheduled_jobs
  FOR EACH ROW EXECUTE PROCEDURE __SCHEMA__.do_notify('scheduled_jobs:insert');

-- add_job: with a key, upsert unless the keyed job is running; a running job gives its key up
-- and is never retried, and the new job is inserted without the key.
CREATE FUNCTION __SCHEMA__.add_job(
  db_id uuid,
  identifier text,
  payload json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  run_at timestamptz DEFAULT now(),
  max_attempts int DEFAULT 25,
  priority int DEFAULT 0
) RETURNS __SCHEMA__.jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
  v_job __SCHEMA__.jobs;
BEGIN
  IF job_key IS NOT NULL THEN
    INSERT INTO __SCHEMA__.jobs AS j
      (database_id, task_identifier, payload, queue_name, run_at, max_attempts, key, priority)
    VALUES
      (db_id, identifier, coalesce(payload, '{}'::json), add_job.queue_name,
       coalesce(add_job.run_at, now()), coalesce(add_job.max_attempts, 25), job_key,
       coalesce(add_job.priority, 0))
    ON CONFLICT (key) DO UPDATE SET
      task_identifier = EXCLUDED.task_identifier,
      payload = EXCLUDED.payload,
      queue_name = EXCLUDED.queue_name,
      max_attempts = EXCLUDED.max_attempts,
      run_at = EXCLUDED.run_at,
      priority = EXCLUDED.priority,
      attempts = 0,
      last_error = NULL
    WHERE j.locked_at IS NULL
    RETURNING * INTO v_job;

    IF v_job.id IS NOT NULL THEN
      RETURN v_job;
    END IF;

    UPDATE __SCHEMA__.jobs j
       SET key = NULL, attempts = j.max_attempts
     WHERE j.key = job_key;
  END IF;

  INSERT INTO __SCHEMA__.jobs
    (database_id, task_identifier, payload, queue_name, run_at, max_attempts, priority)
  VALUES
    (db_id, identifier, add_job.payload, add_job.queue_name, add_job.run_at,
     add_job.max_attempts, add_job.priority)
  RETURNING * INTO v_job;
  RETURN v_job;
END;
$$;

CREATE FUNCTION __SCHEMA__.get_job(
  worker_id text,
  task_identifiers text[] DEFAULT NULL,
  job_expiry interval DEFAULT '4 hours'
) RETURNS __SCHEMA__.jobs
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz = now();
  v_job_id bigint;
  v_queue_name text;
  v_row __SCHEMA__.jobs;
BEGIN
  IF worker_id IS NULL THEN
    RAISE EXCEPTION 'INVALID_WORKER_ID';
  END IF;

  SELECT j.id, j.queue_name INTO v_job_id, v_queue_name
    FROM __SCHEMA__.jobs j
   WHERE (j.locked_at IS NULL OR j.locked_at < v_now - job_expiry)
     AND (j.queue_name IS NULL OR EXISTS (
           SELECT 1 FROM __SCHEMA__.job_queues q
            WHERE q.queue_name = j.queue_name
              AND (q.locked_at IS NULL OR q.locked_at < v_now - job_expiry)
              FOR UPDATE SKIP LOCKED))
     AND j.run_at <= v_now
     AND j.attempts < j.max_attempts
     AND (task_identifiers IS NULL OR j.task_identifier = ANY (task_identifiers))
   ORDER BY j.priority, j.run_at, j.id
   LIMIT 1
     FOR UPDATE SKIP LOCKED;

  IF v_job_id IS NULL THEN
    RETURN NULL;
  END IF;

  IF v_queue_name IS NOT NULL THEN
    UPDATE __SCHEMA__.job_queues q
       SET locked_by = worker_id, locked_at = v_now
     WHERE q.queue_name = v_queue_name;
  END IF;

  UPDATE __SCHEMA__.jobs j
     SET attempts = j.attempts + 1, locked_by = worker_id, locked_at = v_now
   WHERE j.id = v_job_id
  RETURNING * INTO v_row;
  RETURN v_row;
END;
$$;

-- complete_job deletes the job whoever holds it, as the genuine function does.
CREATE FUNCTION __SCHEMA__.complete_job(worker_id text, job_id bigint) RETURNS __SCHEMA__.jobs
LANGUAGE plpgsql AS $$
DECLARE
  v_row __SCHEMA__.jobs;
BEGIN
  DELETE FROM __SCHEMA__.jobs j WHERE j.id = job_id RETURNING * INTO v_row;
  IF v_row.queue_name IS NOT NULL THEN
    UPDATE __SCHEMA__.job_queues q
       SET locked_by = NULL, locked_at = NULL
     WHERE q.queue_name = v_row.queue_name AND q.locked_by = worker_id;
  END IF;
  RETURN v_row;
END;
$$;

CREATE FUNCTION __SCHEMA__.complete_jobs(job_ids bigint[]) RETURNS SETOF __SCHEMA__.jobs
LANGUAGE sql AS $$
  DELETE FROM __SCHEMA__.jobs j
   WHERE j.id = ANY (job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$$;

-- STRICT like the genuine function: a NULL argument makes it a no-op returning NULL.
CREATE FUNCTION __SCHEMA__.fail_job(worker_id text, job_id bigint, error_message text)
RETURNS __SCHEMA__.jobs
LANGUAGE plpgsql STRICT AS $$
DECLARE
  v_row __SCHEMA__.jobs;
BEGIN
  UPDATE __SCHEMA__.jobs j
     SET last_error = error_message,
         run_at = greatest(now(), j.run_at) + (exp(least(j.attempts, 10))::text || ' seconds')::interval,
         locked_by = NULL,
         locked_at = NULL
   WHERE j.id = job_id AND j.locked_by = worker_id
  RETURNING * INTO v_row;
  IF v_row.queue_name IS NOT NULL THEN
    UPDATE __SCHEMA__.job_queues q
       SET locked_by = NULL, locked_at = NULL
     WHERE q.queue_name = v_row.queue_name AND q.locked_by = worker_id;
  END IF;
  RETURN v_row;
END;
$$;

CREATE FUNCTION __SCHEMA__.permanently_fail_jobs(job_ids bigint[], error_message text DEFAULT NULL)
RETURNS SETOF __SCHEMA__.jobs
LANGUAGE sql AS $$
  UPDATE __SCHEMA__.jobs j
     SET last_error = coalesce(error_message, 'Manually marked as failed'),
         attempts = j.max_attempts
   WHERE j.id = ANY (job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$$;

CREATE FUNCTION __SCHEMA__.reschedule_jobs(
  job_ids bigint[],
  run_at timestamptz DEFAULT NULL,
  priority int DEFAULT NULL,
  attempts int DEFAULT NULL,
  max_attempts int DEFAULT NULL
) RETURNS SETOF __SCHEMA__.jobs
LANGUAGE sql AS $$
  UPDATE __SCHEMA__.jobs j
     SET run_at = coalesce(reschedule_jobs.run_at, j.run_at),
         priority = coalesce(reschedule_jobs.priority, j.priority),
         attempts = coalesce(reschedule_jobs.attempts, j.attempts),
         max_attempts = coalesce(reschedule_jobs.max_attempts, j.max_attempts)
   WHERE j.id = ANY (job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$$;

-- For a clean shutdown: unlock what the worker holds and give the attempt back.
CREATE FUNCTION __SCHEMA__.release_jobs(worker_id text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  UPDATE __SCHEMA__.jobs j
     SET locked_at = NULL, locked_by = NULL, attempts = greatest(j.attempts - 1, 0)
   WHERE j.locked_by = worker_id;
  UPDATE __SCHEMA__.job_queues q
     SET locked_at = NULL, locked_by = NULL
   WHERE q.locked_by = worker_id;
END;
$$;

CREATE FUNCTION __SCHEMA__.add_scheduled_job(
  db_id uuid,
  identifier text,
  payload json DEFAULT '{}'::json,
  schedule_info json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  max_attempts int DEFAULT 25,
  priority int DEFAULT 0
) RETURNS __SCHEMA__.scheduled_jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
  v_job __SCHEMA__.scheduled_jobs;
BEGIN
  IF job_key IS NOT NULL THEN
    INSERT INTO __SCHEMA__.scheduled_jobs AS s
      (database_id, task_identifier, payload, queue_name, schedule_info, max_attempts, key, priority)
    VALUES
      (db_id, identifier, coalesce(payload, '{}'::json), add_scheduled_job.queue_name,
       add_scheduled_job.schedule_info, coalesce(add_scheduled_job.max_attempts, 25), job_key,
       coalesce(add_scheduled_job.priority, 0))
    ON CONFLICT (key) DO UPDATE SET
      task_identifier = EXCLUDED.task_identifier,
      payload = EXCLUDED.payload,
      queue_name = EXCLUDED.queue_name,
      max_attempts = EXCLUDED.max_attempts,
      schedule_info = EXCLUDED.schedule_info,
      priority = EXCLUDED.priority
    WHERE s.locked_at IS NULL
    RETURNING * INTO v_job;

    IF v_job.id IS NOT NULL THEN
      RETURN v_job;
    END IF;

    -- the keyed schedule is claimed by a scheduler: replace it
    DELETE FROM __SCHEMA__.scheduled_jobs s WHERE s.key = job_key;
  END IF;

  INSERT INTO __SCHEMA__.scheduled_jobs
    (database_id, task_identifier, payload, queue_name, schedule_info, max_attempts, priority)
  VALUES
    (db_id, identifier, add_scheduled_job.payload, add_scheduled_job.queue_name,
     add_scheduled_job.schedule_info, add_scheduled_job.max_attempts, add_scheduled_job.priority)
  RETURNING * INTO v_job;
  RETURN v_job;
END;
$$;

CREATE FUNCTION __SCHEMA__.get_scheduled_job(worker_id text, task_identifiers text[] DEFAULT NULL)
RETURNS __SCHEMA__.scheduled_jobs
LANGUAGE plpgsql AS $$
DECLARE
  v_id bigint;
  v_row __SCHEMA__.scheduled_jobs;
BEGIN
  IF worker_id IS NULL THEN
    RAISE EXCEPTION 'INVALID_WORKER_ID';
  END IF;

  SELECT s.id INTO v_id
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.locked_at IS NULL
     AND (task_identifiers IS NULL OR s.task_identifier = ANY (task_identifiers))
   ORDER BY s.priority, s.id
   LIMIT 1
     FOR UPDATE SKIP LOCKED;

  IF v_id IS NULL THEN
    RETURN NULL;
  END IF;

  UPDATE __SCHEMA__.scheduled_jobs s
     SET locked_by = worker_id, locked_at = now()
   WHERE s.id = v_id
  RETURNING * INTO v_row;
  RETURN v_row;
END;
$$;

-- The parameter is named "id" as in the genuine function (callers use named arguments).
CREATE FUNCTION __SCHEMA__.run_scheduled_job(id bigint, job_expiry interval DEFAULT '1 hours')
RETURNS __SCHEMA__.jobs
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_last_id bigint;
  v_job __SCHEMA__.jobs;
BEGIN
  SELECT s.last_scheduled_id INTO v_last_id
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.id = run_scheduled_job.id;

  -- the previous run is still waiting, or still running within job_expiry
  IF v_last_id IS NOT NULL AND EXISTS (
       SELECT 1 FROM __SCHEMA__.jobs j
        WHERE j.id = v_last_id
          AND (j.locked_at IS NULL OR j.locked_at >= now() - job_expiry)) THEN
    RAISE EXCEPTION 'ALREADY_SCHEDULED';
  END IF;

  INSERT INTO __SCHEMA__.jobs
    (database_id, queue_name, task_identifier, payload, priority, max_attempts, key)
  SELECT s.database_id, s.queue_name, s.task_identifier, s.payload, s.priority, s.max_attempts, s.key
    FROM __SCHEMA__.scheduled_jobs s
   WHERE s.id = run_scheduled_job.id
  RETURNING * INTO v_job;

  UPDATE __SCHEMA__.scheduled_jobs s
     SET last_scheduled = now(), last_scheduled_id = v_job.id
   WHERE s.id = run_scheduled_job.id;
  RETURN v_job;
END;
$$;

CREATE FUNCTION __SCHEMA__.release_scheduled_jobs(worker_id text, ids bigint[] DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  UPDATE __SCHEMA__.scheduled_jobs s
     SET locked_at = NULL, locked_by = NULL
   WHERE s.locked_by = worker_id
     AND (ids IS NULL OR s.id = ANY (ids));
END;
$$;

-- Trigger helpers users attach to their own tables. The database id comes from
-- jwt_private.current_database_id(), as in the genuine package; plpgsql resolves that name
-- only when such a trigger fires.
CREATE FUNCTION __SCHEMA__.tg_add_job_with_row_id() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM __SCHEMA__.add_job(jwt_private.current_database_id(), TG_ARGV[0], json_build_object('id', OLD.id));
    RETURN OLD;
  END IF;
  PERFORM __SCHEMA__.add_job(jwt_private.current_database_id(), TG_ARGV[0], json_build_object('id', NEW.id));
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION __SCHEMA__.tg_add_job_with_row_id() IS 'Useful shortcut to create a job on insert or update. Pass the task name as the trigger argument, and the record id will automatically be available on the JSON payload.';

CREATE FUNCTION __SCHEMA__.tg_add_job_with_row() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM __SCHEMA__.add_job(jwt_private.current_database_id(), TG_ARGV[0], to_json(OLD));
    RETURN OLD;
  END IF;
  PERFORM __SCHEMA__.add_job(jwt_private.current_database_id(), TG_ARGV[0], to_json(NEW));
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION __SCHEMA__.tg_add_job_with_row() IS 'Useful shortcut to create a job on insert or update. Pass the task name as the trigger argument, and the record data will automatically be available on the JSON payload.';

-- Pairs of (name, value) to a JSON object of strings; a NULL value becomes "" as in the
-- genuine function, which formats each argument into a quoted literal. An odd count raises
-- json_build_object's own error (22023), as the genuine function does.
CREATE FUNCTION __SCHEMA__.json_build_object_apply(arguments text[]) RETURNS json
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF coalesce(array_length(arguments, 1), 0) % 2 <> 0 THEN
    RAISE EXCEPTION 'argument list must have even number of elements'
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'The arguments of json_build_object() must consist of alternating keys and values.';
  END IF;
  RETURN coalesce(
    json_object(array(SELECT coalesce(a, '') FROM unnest(arguments) WITH ORDINALITY AS t(a, n) ORDER BY n)),
    '{}'::json);
END;
$$;

CREATE FUNCTION __SCHEMA__.trigger_job_with_fields() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER AS $$
DECLARE
  v_task text = TG_ARGV[0];
  v_args text[];
  v_value text;
  i int;
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    IF TG_OP = 'DELETE' THEN
      EXECUTE format('SELECT ($1).%s::text', TG_ARGV[i]) USING OLD INTO v_value;
    ELSE
      EXECUTE format('SELECT ($1).%s::text', TG_ARGV[i]) USING NEW INTO v_value;
    END IF;
    v_args = v_args || TG_ARGV[i] || v_value;
  END LOOP;
  PERFORM __SCHEMA__.add_job(jwt_private.current_database_id(), v_task, __SCHEMA__.json_build_object_apply(v_args));
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'administrator') THEN
    GRANT USAGE ON SCHEMA __SCHEMA__ TO administrator;
    GRANT SELECT, INSERT, UPDATE, DELETE ON __SCHEMA__.jobs, __SCHEMA__.job_queues, __SCHEMA__.scheduled_jobs TO administrator;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA __SCHEMA__ TO administrator;
    ALTER DEFAULT PRIVILEGES IN SCHEMA __SCHEMA__ GRANT EXECUTE ON FUNCTIONS TO administrator;
  END IF;
END;
$$;
