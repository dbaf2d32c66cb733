-- =============================================================================================
-- app_jobs as @pgpm/database-jobs 0.47.0 deploys it, rewritten for the tests from a reading of
-- the package's published SQL (packages/database-jobs/sql/pgpm-database-jobs--0.47.0.sql in
-- constructive-io/pgpm-modules). Nothing here is copied: the statements are ours, the behaviour
-- (names, signatures, defaults, column order, triggers, indexes, grants) is meant to be theirs.
--
-- Run on an EMPTY database. It builds everything itself, including what 0.47 takes from other
-- pgpm modules:
--   * errors.raise_error             (pgpm "errors")
--   * jwt_public.* / jwt_private.*   (pgpm "jwt-claims": claim readers and assert_attribution)
-- The genuine claim readers call pg_input_is_valid(), which PostgreSQL 15 lacks; the versions
-- below test the uuid text with a pattern that accepts exactly what uuid_in accepts instead.
-- =============================================================================================


-- ---------------------------------------------------------------------------------------------
-- Roles the grants name. Roles are cluster-wide and other templates may be created at the same
-- moment, so a concurrent creator winning the race is not an error.
-- ---------------------------------------------------------------------------------------------
DO $roles$
DECLARE
  wanted text;
BEGIN
  FOREACH wanted IN ARRAY ARRAY['administrator', 'authenticated'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = wanted) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I', wanted);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$roles$;


-- ---------------------------------------------------------------------------------------------
-- errors: one way to raise an application error.
--   message = the bare code, SQLSTATE P0001,
--   detail  = {"code": ..., "context": {...}, "class": "internal" | "public"} as text.
-- ---------------------------------------------------------------------------------------------
CREATE SCHEMA errors;
GRANT USAGE ON SCHEMA errors TO PUBLIC;

CREATE FUNCTION errors.raise_error(
  code text,
  context jsonb DEFAULT '{}'::jsonb,
  error_class text DEFAULT 'internal'
) RETURNS void
LANGUAGE plpgsql
AS $fn$
DECLARE
  details jsonb := jsonb_build_object(
    'code', code,
    'context', coalesce(context, '{}'::jsonb),
    'class', error_class);
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = code, DETAIL = details::text;
END
$fn$;


-- ---------------------------------------------------------------------------------------------
-- JWT claims. Each reader looks at one transaction/session setting jwt.claims.<name>; a uuid
-- reader yields NULL for an unset, empty or malformed claim rather than failing.
-- ---------------------------------------------------------------------------------------------
CREATE SCHEMA jwt_public;
CREATE SCHEMA jwt_private;
GRANT USAGE ON SCHEMA jwt_public TO authenticated;
GRANT USAGE ON SCHEMA jwt_private TO authenticated;

-- uuid_in accepts 32 hex digits, optionally in braces, with a single '-' allowed after any
-- group of four digits (never first, never last). Same test everywhere below.
CREATE FUNCTION jwt_public.current_user_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
  SELECT CASE
    WHEN claim ~* '^(\{[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}|[0-9a-f]{4}(-?[0-9a-f]{4}){7})$'
    THEN claim::uuid
  END
  FROM (SELECT current_setting('jwt.claims.user_id', true) AS claim) setting
$fn$;

CREATE FUNCTION jwt_public.current_principal_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
  SELECT CASE
    WHEN claim ~* '^(\{[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}|[0-9a-f]{4}(-?[0-9a-f]{4}){7})$'
    THEN claim::uuid
  END
  FROM (SELECT current_setting('jwt.claims.principal_id', true) AS claim) setting
$fn$;

CREATE FUNCTION jwt_private.current_entity_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
  SELECT CASE
    WHEN claim ~* '^(\{[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}|[0-9a-f]{4}(-?[0-9a-f]{4}){7})$'
    THEN claim::uuid
  END
  FROM (SELECT current_setting('jwt.claims.entity_id', true) AS claim) setting
$fn$;

CREATE FUNCTION jwt_private.current_entity_type() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
  SELECT nullif(current_setting('jwt.claims.entity_type', true), '')
$fn$;

-- The lenient reader (as published in jwt-claims 0.44): NULL without a usable claim.
CREATE FUNCTION jwt_private.current_database_id() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $fn$
  SELECT CASE
    WHEN claim ~* '^(\{[0-9a-f]{4}(-?[0-9a-f]{4}){7}\}|[0-9a-f]{4}(-?[0-9a-f]{4}){7})$'
    THEN claim::uuid
  END
  FROM (SELECT current_setting('jwt.claims.database_id', true) AS claim) setting
$fn$;

-- The strict reader add_job and add_scheduled_job default db_id to.
CREATE FUNCTION jwt_private.require_database_id() RETURNS uuid
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
  found_id uuid := jwt_private.current_database_id();
BEGIN
  IF found_id IS NULL THEN
    PERFORM errors.raise_error(
      'DATABASE_CLAIM_REQUIRED',
      jsonb_build_object('claim', 'jwt.claims.database_id'),
      'internal');
  END IF;
  RETURN found_id;
END
$fn$;

-- Who a write is attributed to: an actor, an entity, or both; an entity always comes with its
-- type. Violations raise, unless the setting jwt.strict_attribution is exactly 'false', in
-- which case they are only reported as a WARNING whose text is the same JSON shape.
CREATE FUNCTION jwt_private.assert_attribution(
  actor_id uuid,
  entity_id uuid,
  entity_type text
) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $fn$
DECLARE
  is_strict boolean :=
    coalesce(nullif(current_setting('jwt.strict_attribution', true), ''), 'true') <> 'false';
  problem text;
  facts jsonb;
BEGIN
  IF actor_id IS NULL AND entity_id IS NULL THEN
    problem := 'ATTRIBUTION_REQUIRED';
    facts := jsonb_build_object(
      'arguments', jsonb_build_array('actor_id', 'entity_id'),
      'claims', jsonb_build_array('jwt.claims.user_id', 'jwt.claims.entity_id'));
  ELSIF entity_id IS NOT NULL AND entity_type IS NULL THEN
    problem := 'ENTITY_TYPE_REQUIRED';
    facts := jsonb_build_object(
      'argument', 'entity_type',
      'claim', 'jwt.claims.entity_type',
      'entity_id', entity_id);
  ELSIF entity_type IS NOT NULL AND entity_id IS NULL THEN
    problem := 'ENTITY_ID_REQUIRED';
    facts := jsonb_build_object(
      'argument', 'entity_id',
      'claim', 'jwt.claims.entity_id',
      'entity_type', entity_type);
  ELSE
    RETURN;
  END IF;

  IF is_strict THEN
    PERFORM errors.raise_error(problem, facts, 'internal');
  ELSE
    RAISE WARNING '%', jsonb_build_object('code', problem, 'class', 'internal', 'context', facts);
  END IF;
END
$fn$;


-- ---------------------------------------------------------------------------------------------
-- app_jobs: schema and what it grants by default.
-- ---------------------------------------------------------------------------------------------
CREATE SCHEMA app_jobs;
GRANT USAGE ON SCHEMA app_jobs TO administrator;
GRANT USAGE ON SCHEMA app_jobs TO authenticated;
-- Every function created below (by this role) becomes executable by administrator.
ALTER DEFAULT PRIVILEGES IN SCHEMA app_jobs GRANT EXECUTE ON FUNCTIONS TO administrator;


-- ---------------------------------------------------------------------------------------------
-- Trigger functions shared by the tables.
-- ---------------------------------------------------------------------------------------------

-- created_at/updated_at are owned by the database: an insert stamps both with now() whatever
-- the statement said; an update keeps created_at and moves updated_at forward by at least 1 ms.
-- (now() is deliberately left unqualified, as in 0.47.)
CREATE FUNCTION app_jobs.tg_update_timestamps() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at := now();
    NEW.updated_at := now();
  ELSIF TG_OP = 'UPDATE' THEN
    NEW.created_at := OLD.created_at;
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
  END IF;
  RETURN NEW;
END
$fn$;

-- pg_notify on the channel named by the first trigger argument, with an empty payload.
CREATE FUNCTION app_jobs.do_notify() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NEW;
END
$fn$;

-- Statement-level wake-up for workers: one 'jobs:insert' however many rows went in.
CREATE FUNCTION app_jobs.tg_jobs__after_insert() RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
  PERFORM pg_notify('jobs:insert', '');
  RETURN NULL;
END
$fn$;

-- job_queues.job_count follows the rows that name the queue: +1 here ...
CREATE FUNCTION app_jobs.tg_increase_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  INSERT INTO app_jobs.job_queues AS q (queue_name, job_count)
  VALUES (NEW.queue_name, 1)
  ON CONFLICT (queue_name) DO UPDATE
    SET job_count = q.job_count + 1;
  RETURN NEW;
END
$fn$;

-- ... and -1 here, dropping the queue row once nothing is left in it.
CREATE FUNCTION app_jobs.tg_decrease_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
  remaining int;
BEGIN
  UPDATE app_jobs.job_queues q
     SET job_count = q.job_count - 1
   WHERE q.queue_name = OLD.queue_name
  RETURNING q.job_count INTO remaining;

  IF remaining <= 0 THEN
    DELETE FROM app_jobs.job_queues q
     WHERE q.queue_name = OLD.queue_name
       AND q.job_count <= 0;
  END IF;
  RETURN OLD;
END
$fn$;


-- ---------------------------------------------------------------------------------------------
-- app_jobs.scheduled_jobs: recurring job definitions a scheduler claims and fires.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE app_jobs.scheduled_jobs (
  id                bigserial PRIMARY KEY,
  database_id       uuid NOT NULL,
  actor_id          uuid,
  principal_id      uuid,
  entity_id         uuid,
  organization_id   uuid,
  entity_type       text,
  queue_name        text DEFAULT NULL,
  task_identifier   text NOT NULL,
  payload           json NOT NULL DEFAULT '{}'::json,
  priority          integer NOT NULL DEFAULT 0,
  max_attempts      integer NOT NULL DEFAULT 25,
  key               text,
  locked_at         timestamptz,
  locked_by         text,
  schedule_info     json NOT NULL,
  last_scheduled    timestamptz,
  last_scheduled_id bigint,
  UNIQUE (key),
  CHECK (length(key) < 513),
  CHECK (length(task_identifier) < 127),
  CHECK (max_attempts >= 1),
  CHECK (length(queue_name) < 127),
  CHECK (length(locked_by) > 3)
);

CREATE TRIGGER _900_notify_scheduled_job
  AFTER INSERT ON app_jobs.scheduled_jobs
  FOR EACH ROW
  EXECUTE FUNCTION app_jobs.do_notify('scheduled_jobs:insert');

CREATE INDEX scheduled_jobs_priority_id_idx ON app_jobs.scheduled_jobs (priority, id);
CREATE INDEX scheduled_jobs_locked_by_idx ON app_jobs.scheduled_jobs (locked_by);

GRANT SELECT, INSERT, UPDATE, DELETE ON app_jobs.scheduled_jobs TO administrator;


-- ---------------------------------------------------------------------------------------------
-- app_jobs.jobs: one row per pending, running or permanently failed job. Column order matters
-- (functions return this row type): the timestamps come last, after the generated column.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE app_jobs.jobs (
  id                     bigserial PRIMARY KEY,
  database_id            uuid NOT NULL,
  actor_id               uuid,
  principal_id           uuid,
  entity_id              uuid,
  organization_id        uuid,
  entity_type            text,
  function_definition_id uuid,
  definition_scope       text,
  queue_name             text DEFAULT NULL,
  task_identifier        text NOT NULL,
  payload                json NOT NULL DEFAULT '{}'::json,
  priority               integer NOT NULL DEFAULT 0,
  run_at                 timestamptz NOT NULL DEFAULT now(),
  attempts               integer NOT NULL DEFAULT 0,
  max_attempts           integer NOT NULL DEFAULT 25,
  key                    text,
  last_error             text,
  locked_at              timestamptz,
  locked_by              text,
  -- runnable as far as the row itself can tell: nobody holds it and it has attempts left
  is_available           boolean NOT NULL
                           GENERATED ALWAYS AS (locked_at IS NULL AND attempts < max_attempts) STORED,
  created_at             timestamptz DEFAULT now(),
  updated_at             timestamptz DEFAULT now(),
  UNIQUE (key),
  CHECK (length(key) < 513),
  CHECK (length(task_identifier) < 127),
  CHECK (max_attempts >= 1),
  CHECK (length(queue_name) < 127),
  CHECK (length(locked_by) > 3),
  CHECK (length(definition_scope) < 64),
  -- a function definition and its scope come together or not at all
  CHECK ((function_definition_id IS NULL) = (definition_scope IS NULL))
);

CREATE TRIGGER _100_update_jobs_modtime_tg
  BEFORE INSERT OR UPDATE ON app_jobs.jobs
  FOR EACH ROW
  EXECUTE FUNCTION app_jobs.tg_update_timestamps();

CREATE TRIGGER _500_increase_job_queue_count_on_insert
  AFTER INSERT ON app_jobs.jobs
  FOR EACH ROW
  WHEN (NEW.queue_name IS NOT NULL)
  EXECUTE FUNCTION app_jobs.tg_increase_job_queue_count();

CREATE TRIGGER _500_increase_job_queue_count_on_update
  AFTER UPDATE OF queue_name ON app_jobs.jobs
  FOR EACH ROW
  WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND NEW.queue_name IS NOT NULL)
  EXECUTE FUNCTION app_jobs.tg_increase_job_queue_count();

CREATE TRIGGER _900_after_insert
  AFTER INSERT ON app_jobs.jobs
  FOR EACH STATEMENT
  EXECUTE FUNCTION app_jobs.tg_jobs__after_insert();

CREATE TRIGGER decrease_job_queue_count_on_delete
  AFTER DELETE ON app_jobs.jobs
  FOR EACH ROW
  WHEN (OLD.queue_name IS NOT NULL)
  EXECUTE FUNCTION app_jobs.tg_decrease_job_queue_count();

CREATE TRIGGER decrease_job_queue_count_on_update
  AFTER UPDATE OF queue_name ON app_jobs.jobs
  FOR EACH ROW
  WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND OLD.queue_name IS NOT NULL)
  EXECUTE FUNCTION app_jobs.tg_decrease_job_queue_count();

-- Only available rows are indexed for fetching, so permanently failed rows cost nothing there.
CREATE INDEX jobs_main_index ON app_jobs.jobs (priority, run_at)
  INCLUDE (id, queue_name)
  WHERE is_available = true;
CREATE INDEX jobs_no_queue_index ON app_jobs.jobs (priority, run_at)
  INCLUDE (id)
  WHERE is_available = true AND queue_name IS NULL;
CREATE INDEX jobs_locked_by_idx ON app_jobs.jobs (locked_by);

GRANT SELECT, INSERT, UPDATE, DELETE ON app_jobs.jobs TO administrator;


-- ---------------------------------------------------------------------------------------------
-- app_jobs.job_queues: a named queue is a mutex, held by the worker running one of its jobs.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE app_jobs.job_queues (
  queue_name text NOT NULL PRIMARY KEY,
  job_count  integer NOT NULL DEFAULT 0,
  locked_at  timestamptz,
  locked_by  text
);

CREATE INDEX job_queues_locked_by_idx ON app_jobs.job_queues (locked_by);

GRANT SELECT, INSERT, UPDATE, DELETE ON app_jobs.job_queues TO administrator;


-- ---------------------------------------------------------------------------------------------
-- Enqueueing.
-- ---------------------------------------------------------------------------------------------

-- add_job: identifier first; db_id and the attribution default from the claims. With a key it
-- upserts the unlocked row of that key (resetting attempts and last_error; the database and
-- attribution of an existing row stay as they were); a locked row of that key instead loses
-- the key and its remaining attempts, and a fresh key-less row is inserted. '' and 'default'
-- are no queue at all.
CREATE FUNCTION app_jobs.add_job(
  identifier text,
  payload json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  run_at timestamptz DEFAULT now(),
  max_attempts integer DEFAULT 25,
  priority integer DEFAULT 0,
  entity_id uuid DEFAULT jwt_private.current_entity_id(),
  organization_id uuid DEFAULT NULL,
  entity_type text DEFAULT jwt_private.current_entity_type(),
  function_definition_id uuid DEFAULT NULL,
  definition_scope text DEFAULT NULL,
  db_id uuid DEFAULT jwt_private.require_database_id(),
  actor_id uuid DEFAULT jwt_public.current_user_id(),
  principal_id uuid DEFAULT jwt_public.current_principal_id()
) RETURNS app_jobs.jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $fn$
DECLARE
  lock_queue text := nullif(nullif(add_job.queue_name, ''), 'default');
  added app_jobs.jobs;
BEGIN
  PERFORM jwt_private.assert_attribution(add_job.actor_id, add_job.entity_id, add_job.entity_type);

  IF add_job.job_key IS NOT NULL THEN
    INSERT INTO app_jobs.jobs AS existing (
      database_id, actor_id, principal_id, entity_id, organization_id, entity_type,
      function_definition_id, definition_scope,
      task_identifier, payload, queue_name, run_at, max_attempts, key, priority)
    VALUES (
      add_job.db_id, add_job.actor_id, add_job.principal_id, add_job.entity_id,
      add_job.organization_id, add_job.entity_type,
      add_job.function_definition_id, add_job.definition_scope,
      add_job.identifier, coalesce(add_job.payload, '{}'::json), lock_queue,
      coalesce(add_job.run_at, now()), coalesce(add_job.max_attempts, 25), add_job.job_key,
      coalesce(add_job.priority, 0))
    ON CONFLICT (key) DO UPDATE SET
      task_identifier        = EXCLUDED.task_identifier,
      payload                = EXCLUDED.payload,
      queue_name             = EXCLUDED.queue_name,
      max_attempts           = EXCLUDED.max_attempts,
      run_at                 = EXCLUDED.run_at,
      priority               = EXCLUDED.priority,
      function_definition_id = EXCLUDED.function_definition_id,
      definition_scope       = EXCLUDED.definition_scope,
      attempts               = 0,
      last_error             = NULL
    WHERE existing.locked_at IS NULL
    RETURNING * INTO added;

    IF added.id IS NOT NULL THEN
      RETURN added;
    END IF;

    -- The key belongs to a running job: let it finish, but never retry it.
    UPDATE app_jobs.jobs running
       SET key = NULL,
           attempts = running.max_attempts
     WHERE running.key = add_job.job_key;
  END IF;

  -- No key (or the key was freed above): a plain insert, NULLs passed as given.
  INSERT INTO app_jobs.jobs (
    database_id, actor_id, principal_id, entity_id, organization_id, entity_type,
    function_definition_id, definition_scope,
    task_identifier, payload, queue_name, run_at, max_attempts, priority)
  VALUES (
    add_job.db_id, add_job.actor_id, add_job.principal_id, add_job.entity_id,
    add_job.organization_id, add_job.entity_type,
    add_job.function_definition_id, add_job.definition_scope,
    add_job.identifier, add_job.payload, lock_queue, add_job.run_at, add_job.max_attempts,
    add_job.priority)
  RETURNING * INTO added;

  RETURN added;
END
$fn$;

GRANT EXECUTE ON FUNCTION app_jobs.add_job(
  text, json, text, text, timestamptz, integer, integer, uuid, uuid, text, uuid, text, uuid, uuid, uuid
) TO authenticated;

-- add_scheduled_job: the same defaults. A keyed call upserts the unlocked schedule of that key
-- (attribution included); a claimed (locked) one is deleted and a key-less row inserted. The
-- queue name is stored as given (run_scheduled_job maps '' and 'default' when it fires).
CREATE FUNCTION app_jobs.add_scheduled_job(
  identifier text,
  payload json DEFAULT '{}'::json,
  schedule_info json DEFAULT '{}'::json,
  job_key text DEFAULT NULL,
  queue_name text DEFAULT NULL,
  max_attempts integer DEFAULT 25,
  priority integer DEFAULT 0,
  entity_id uuid DEFAULT jwt_private.current_entity_id(),
  db_id uuid DEFAULT jwt_private.require_database_id(),
  entity_type text DEFAULT jwt_private.current_entity_type(),
  organization_id uuid DEFAULT NULL,
  actor_id uuid DEFAULT jwt_public.current_user_id(),
  principal_id uuid DEFAULT jwt_public.current_principal_id()
) RETURNS app_jobs.scheduled_jobs
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $fn$
DECLARE
  saved app_jobs.scheduled_jobs;
BEGIN
  PERFORM jwt_private.assert_attribution(
    add_scheduled_job.actor_id, add_scheduled_job.entity_id, add_scheduled_job.entity_type);

  IF add_scheduled_job.job_key IS NOT NULL THEN
    INSERT INTO app_jobs.scheduled_jobs AS existing (
      database_id, actor_id, principal_id, entity_id, organization_id, entity_type,
      task_identifier, payload, queue_name, schedule_info, max_attempts, key, priority)
    VALUES (
      add_scheduled_job.db_id, add_scheduled_job.actor_id, add_scheduled_job.principal_id,
      add_scheduled_job.entity_id, add_scheduled_job.organization_id, add_scheduled_job.entity_type,
      add_scheduled_job.identifier, coalesce(add_scheduled_job.payload, '{}'::json),
      add_scheduled_job.queue_name, add_scheduled_job.schedule_info,
      coalesce(add_scheduled_job.max_attempts, 25), add_scheduled_job.job_key,
      coalesce(add_scheduled_job.priority, 0))
    ON CONFLICT (key) DO UPDATE SET
      database_id     = EXCLUDED.database_id,
      actor_id        = EXCLUDED.actor_id,
      principal_id    = EXCLUDED.principal_id,
      entity_id       = EXCLUDED.entity_id,
      organization_id = EXCLUDED.organization_id,
      entity_type     = EXCLUDED.entity_type,
      task_identifier = EXCLUDED.task_identifier,
      payload         = EXCLUDED.payload,
      queue_name      = EXCLUDED.queue_name,
      max_attempts    = EXCLUDED.max_attempts,
      schedule_info   = EXCLUDED.schedule_info,
      priority        = EXCLUDED.priority
    WHERE existing.locked_at IS NULL
    RETURNING * INTO saved;

    IF saved.id IS NOT NULL THEN
      RETURN saved;
    END IF;

    -- A scheduler holds the old definition: drop it, the new one goes in below.
    DELETE FROM app_jobs.scheduled_jobs old_one WHERE old_one.key = add_scheduled_job.job_key;
  END IF;

  INSERT INTO app_jobs.scheduled_jobs (
    database_id, actor_id, principal_id, entity_id, organization_id, entity_type,
    task_identifier, payload, queue_name, schedule_info, max_attempts, priority)
  VALUES (
    add_scheduled_job.db_id, add_scheduled_job.actor_id, add_scheduled_job.principal_id,
    add_scheduled_job.entity_id, add_scheduled_job.organization_id, add_scheduled_job.entity_type,
    add_scheduled_job.identifier, add_scheduled_job.payload, add_scheduled_job.queue_name,
    add_scheduled_job.schedule_info, add_scheduled_job.max_attempts, add_scheduled_job.priority)
  RETURNING * INTO saved;

  RETURN saved;
END
$fn$;

GRANT EXECUTE ON FUNCTION app_jobs.add_scheduled_job(
  text, json, json, text, text, integer, integer, uuid, uuid, text, uuid, uuid, uuid
) TO authenticated;


-- ---------------------------------------------------------------------------------------------
-- Trigger helpers users attach to their own tables. They enqueue through add_job, so db_id and
-- attribution come from the claims of the writing transaction.
-- ---------------------------------------------------------------------------------------------

-- Payload {"id": <row id>}; the task name is the first trigger argument.
CREATE FUNCTION app_jobs.tg_add_job_with_row_id() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM app_jobs.add_job(TG_ARGV[0], json_build_object('id', NEW.id));
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM app_jobs.add_job(TG_ARGV[0], json_build_object('id', OLD.id));
    RETURN OLD;
  END IF;
END
$fn$;

-- Payload: the whole row as JSON.
CREATE FUNCTION app_jobs.tg_add_job_with_row() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM app_jobs.add_job(TG_ARGV[0], to_json(NEW));
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM app_jobs.add_job(TG_ARGV[0], to_json(OLD));
    RETURN OLD;
  END IF;
END
$fn$;

-- json_build_object over alternating names and values, every one of them a string. Each is
-- wrapped in single quotes as it stands (no escaping, as 0.47 does; a NULL becomes '').
CREATE FUNCTION app_jobs.json_build_object_apply(arguments text[]) RETURNS json
LANGUAGE plpgsql
AS $fn$
DECLARE
  item text;
  quoted text[];
  built json;
BEGIN
  FOREACH item IN ARRAY coalesce(arguments, '{}'::text[]) LOOP
    quoted := array_append(quoted, '''' || coalesce(item, '') || '''');
  END LOOP;
  EXECUTE 'SELECT json_build_object(' || coalesce(array_to_string(quoted, ','), '') || ')'
     INTO built;
  RETURN built;
END
$fn$;

-- First trigger argument: the task; the others: columns whose values (as text) make up the
-- payload {"<column>": "<value>", ...}.
CREATE FUNCTION app_jobs.trigger_job_with_fields() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
AS $fn$
DECLARE
  task text;
  pairs text[];
  column_value text;
  n int;
BEGIN
  FOR n IN 1 .. TG_NARGS LOOP
    IF n = 1 THEN
      task := TG_ARGV[0];
      CONTINUE;
    END IF;
    pairs := array_append(pairs, TG_ARGV[n - 1]);
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      EXECUTE format('SELECT ($1).%s::text', TG_ARGV[n - 1]) USING NEW INTO column_value;
    END IF;
    IF TG_OP = 'DELETE' THEN
      EXECUTE format('SELECT ($1).%s::text', TG_ARGV[n - 1]) USING OLD INTO column_value;
    END IF;
    pairs := array_append(pairs, column_value);
  END LOOP;

  PERFORM app_jobs.add_job(task, app_jobs.json_build_object_apply(pairs));

  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
END
$fn$;


-- ---------------------------------------------------------------------------------------------
-- Workers.
-- ---------------------------------------------------------------------------------------------

-- get_job: the first available job (by priority, run_at, id) that is due, of a wanted task,
-- and whose queue, if any, is free (or its lock older than job_expiry). Only is_available rows
-- qualify, so a job lock never expires here: a crashed worker's jobs come back through
-- force_unlock_workers. Locks the job (and its queue) and counts the attempt.
CREATE FUNCTION app_jobs.get_job(
  worker_id text,
  task_identifiers text[] DEFAULT NULL,
  job_expiry interval DEFAULT '04:00:00'::interval
) RETURNS app_jobs.jobs
LANGUAGE plpgsql
AS $fn$
DECLARE
  started timestamptz := now();
  picked_id bigint;
  picked_queue text;
  taken app_jobs.jobs;
BEGIN
  IF get_job.worker_id IS NULL THEN
    RAISE EXCEPTION 'INVALID_WORKER_ID';
  END IF;

  SELECT j.id, j.queue_name
    INTO picked_id, picked_queue
    FROM app_jobs.jobs j
   WHERE j.is_available = true
     AND (j.locked_at IS NULL OR j.locked_at < started - get_job.job_expiry)
     AND (j.queue_name IS NULL
          OR j.queue_name IN (
               SELECT q.queue_name
                 FROM app_jobs.job_queues q
                WHERE q.locked_at IS NULL OR q.locked_at < started - get_job.job_expiry
                  FOR UPDATE SKIP LOCKED))
     AND j.run_at <= started
     AND j.attempts < j.max_attempts
     AND (get_job.task_identifiers IS NULL OR j.task_identifier = ANY (get_job.task_identifiers))
   ORDER BY j.priority, j.run_at, j.id
   LIMIT 1
     FOR UPDATE SKIP LOCKED;

  IF picked_id IS NULL THEN
    RETURN NULL;
  END IF;

  IF picked_queue IS NOT NULL THEN
    UPDATE app_jobs.job_queues q
       SET locked_by = get_job.worker_id,
           locked_at = started
     WHERE q.queue_name = picked_queue;
  END IF;

  UPDATE app_jobs.jobs j
     SET attempts = j.attempts + 1,
         locked_by = get_job.worker_id,
         locked_at = started
   WHERE j.id = picked_id
  RETURNING * INTO taken;

  RETURN taken;
END
$fn$;

-- complete_job: deletes the job only if this worker holds it, and frees its queue.
CREATE FUNCTION app_jobs.complete_job(worker_id text, job_id bigint) RETURNS app_jobs.jobs
LANGUAGE plpgsql
AS $fn$
DECLARE
  finished app_jobs.jobs;
BEGIN
  DELETE FROM app_jobs.jobs j
   WHERE j.id = complete_job.job_id
     AND j.locked_by = complete_job.worker_id
  RETURNING * INTO finished;

  IF finished.queue_name IS NOT NULL THEN
    UPDATE app_jobs.job_queues q
       SET locked_by = NULL,
           locked_at = NULL
     WHERE q.queue_name = finished.queue_name
       AND q.locked_by = complete_job.worker_id;
  END IF;

  RETURN finished;
END
$fn$;

-- fail_job (STRICT: a NULL argument makes it a no-op returning NULL): records the error, backs
-- run_at off by e^min(attempts, 10) seconds, and unlocks the job and its queue, for the
-- holding worker only.
CREATE FUNCTION app_jobs.fail_job(worker_id text, job_id bigint, error_message text) RETURNS app_jobs.jobs
LANGUAGE plpgsql STRICT
AS $fn$
DECLARE
  failed app_jobs.jobs;
BEGIN
  UPDATE app_jobs.jobs j
     SET last_error = fail_job.error_message,
         run_at = greatest(now(), j.run_at) + (exp(least(j.attempts, 10)) || ' seconds')::interval,
         locked_by = NULL,
         locked_at = NULL
   WHERE j.id = fail_job.job_id
     AND j.locked_by = fail_job.worker_id
  RETURNING * INTO failed;

  IF failed.queue_name IS NOT NULL THEN
    UPDATE app_jobs.job_queues q
       SET locked_by = NULL,
           locked_at = NULL
     WHERE q.queue_name = failed.queue_name
       AND q.locked_by = fail_job.worker_id;
  END IF;

  RETURN failed;
END
$fn$;

-- release_jobs: a worker shutting down hands back everything it holds, attempt included.
CREATE FUNCTION app_jobs.release_jobs(worker_id text) RETURNS void
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  UPDATE app_jobs.jobs j
     SET locked_at = NULL,
         locked_by = NULL,
         attempts = greatest(j.attempts - 1, 0)
   WHERE j.locked_by = release_jobs.worker_id;

  UPDATE app_jobs.job_queues q
     SET locked_at = NULL,
         locked_by = NULL
   WHERE q.locked_by = release_jobs.worker_id;
END
$fn$;

-- force_unlock_workers: clears the locks of dead workers (jobs and queues); attempts stay.
CREATE FUNCTION app_jobs.force_unlock_workers(worker_ids text[]) RETURNS void
LANGUAGE sql VOLATILE
AS $fn$
  UPDATE app_jobs.jobs j
     SET locked_at = NULL,
         locked_by = NULL
   WHERE j.locked_by = ANY (worker_ids);

  UPDATE app_jobs.job_queues q
     SET locked_at = NULL,
         locked_by = NULL
   WHERE q.locked_by = ANY (worker_ids);
$fn$;


-- ---------------------------------------------------------------------------------------------
-- Administration. The bulk tools leave running jobs alone, unless their lock is 4 hours old.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION app_jobs.complete_jobs(job_ids bigint[]) RETURNS SETOF app_jobs.jobs
LANGUAGE sql
AS $fn$
  DELETE FROM app_jobs.jobs j
   WHERE j.id = ANY (job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$fn$;

CREATE FUNCTION app_jobs.permanently_fail_jobs(
  job_ids bigint[],
  error_message text DEFAULT NULL
) RETURNS SETOF app_jobs.jobs
LANGUAGE sql
AS $fn$
  UPDATE app_jobs.jobs j
     SET last_error = coalesce(permanently_fail_jobs.error_message, 'Manually marked as failed'),
         attempts = j.max_attempts
   WHERE j.id = ANY (permanently_fail_jobs.job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$fn$;

CREATE FUNCTION app_jobs.reschedule_jobs(
  job_ids bigint[],
  run_at timestamptz DEFAULT NULL,
  priority integer DEFAULT NULL,
  attempts integer DEFAULT NULL,
  max_attempts integer DEFAULT NULL
) RETURNS SETOF app_jobs.jobs
LANGUAGE sql
AS $fn$
  UPDATE app_jobs.jobs j
     SET run_at       = coalesce(reschedule_jobs.run_at, j.run_at),
         priority     = coalesce(reschedule_jobs.priority, j.priority),
         attempts     = coalesce(reschedule_jobs.attempts, j.attempts),
         max_attempts = coalesce(reschedule_jobs.max_attempts, j.max_attempts)
   WHERE j.id = ANY (reschedule_jobs.job_ids)
     AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING *;
$fn$;

-- remove_job (STRICT): deletes the job of that key unless it is running (a lock under 4 hours
-- old); a running one keeps going but loses the key and any further attempt.
CREATE FUNCTION app_jobs.remove_job(job_key text) RETURNS app_jobs.jobs
LANGUAGE plpgsql STRICT
AS $fn$
DECLARE
  affected app_jobs.jobs;
BEGIN
  DELETE FROM app_jobs.jobs j
   WHERE j.key = remove_job.job_key
     AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
  RETURNING * INTO affected;

  IF affected.id IS NOT NULL THEN
    RETURN affected;
  END IF;

  UPDATE app_jobs.jobs j
     SET key = NULL,
         attempts = j.max_attempts
   WHERE j.key = remove_job.job_key
  RETURNING * INTO affected;

  RETURN affected;
END
$fn$;


-- ---------------------------------------------------------------------------------------------
-- Schedulers.
-- ---------------------------------------------------------------------------------------------

-- get_scheduled_job: claims the first unclaimed schedule by (priority, id).
CREATE FUNCTION app_jobs.get_scheduled_job(
  worker_id text,
  task_identifiers text[] DEFAULT NULL
) RETURNS app_jobs.scheduled_jobs
LANGUAGE plpgsql
AS $fn$
DECLARE
  picked_id bigint;
  claimed app_jobs.scheduled_jobs;
BEGIN
  IF get_scheduled_job.worker_id IS NULL THEN
    RAISE EXCEPTION 'INVALID_WORKER_ID';
  END IF;

  SELECT s.id
    INTO picked_id
    FROM app_jobs.scheduled_jobs s
   WHERE s.locked_at IS NULL
     AND (get_scheduled_job.task_identifiers IS NULL
          OR s.task_identifier = ANY (get_scheduled_job.task_identifiers))
   ORDER BY s.priority, s.id
   LIMIT 1
     FOR UPDATE SKIP LOCKED;

  IF picked_id IS NULL THEN
    RETURN NULL;
  END IF;

  UPDATE app_jobs.scheduled_jobs s
     SET locked_by = get_scheduled_job.worker_id,
         locked_at = now()
   WHERE s.id = picked_id
  RETURNING * INTO claimed;

  RETURN claimed;
END
$fn$;

-- release_scheduled_jobs: unclaims this worker's schedules (all, or the given ids).
CREATE FUNCTION app_jobs.release_scheduled_jobs(
  worker_id text,
  ids bigint[] DEFAULT NULL
) RETURNS void
LANGUAGE plpgsql VOLATILE
AS $fn$
BEGIN
  UPDATE app_jobs.scheduled_jobs s
     SET locked_at = NULL,
         locked_by = NULL
   WHERE s.locked_by = release_scheduled_jobs.worker_id
     AND (release_scheduled_jobs.ids IS NULL OR s.id = ANY (release_scheduled_jobs.ids));
END
$fn$;

-- run_scheduled_job: one tick of a schedule.
--   * The schedule row is locked first, so concurrent ticks of it queue up; a schedule that is
--     gone yields the all-NULL record (the caller's cue to drop it).
--   * ALREADY_SCHEDULED while the job of the previous tick still counts: not yet started, or
--     started within job_expiry. A previous job with no attempts left counts for nothing.
--   * The schedule's own attribution must hold (assert_attribution).
--   * ALREADY_SCHEDULED too while a job carrying the schedule's key is locked.
--   * The job is upserted on its key like add_job's: a waiting job of that key is refreshed.
--     Its queue '' or 'default' becomes no queue.
--   * If no job row came back (an insert trigger on jobs swallowed it, or a concurrent lock
--     won the key), the schedule keeps the last job it recorded: when that changed during this
--     tick, that job is returned, otherwise the all-NULL record.
CREATE FUNCTION app_jobs.run_scheduled_job(
  id bigint,
  job_expiry interval DEFAULT '01:00:00'::interval
) RETURNS app_jobs.jobs
LANGUAGE plpgsql VOLATILE
AS $fn$
DECLARE
  schedule app_jobs.scheduled_jobs;
  fired app_jobs.jobs;
  recorded_before bigint;
BEGIN
  SELECT * INTO schedule
    FROM app_jobs.scheduled_jobs s
   WHERE s.id = run_scheduled_job.id
     FOR UPDATE;
  IF NOT FOUND THEN
    RETURN fired;
  END IF;
  recorded_before := schedule.last_scheduled_id;

  IF schedule.last_scheduled_id IS NOT NULL THEN
    PERFORM
      FROM app_jobs.jobs previous
     WHERE previous.id = schedule.last_scheduled_id
       AND previous.attempts < previous.max_attempts
       AND (previous.locked_at IS NULL
            OR previous.locked_at >= now() - run_scheduled_job.job_expiry);
    IF FOUND THEN
      RAISE EXCEPTION 'ALREADY_SCHEDULED';
    END IF;
  END IF;

  PERFORM jwt_private.assert_attribution(schedule.actor_id, schedule.entity_id, schedule.entity_type);

  IF schedule.key IS NOT NULL THEN
    PERFORM
      FROM app_jobs.jobs holder
     WHERE holder.key = schedule.key
       AND holder.locked_at IS NOT NULL;
    IF FOUND THEN
      RAISE EXCEPTION 'ALREADY_SCHEDULED';
    END IF;
  END IF;

  INSERT INTO app_jobs.jobs AS pending (
    database_id, actor_id, principal_id, entity_id, organization_id, entity_type,
    queue_name, task_identifier, payload, priority, max_attempts, key)
  VALUES (
    schedule.database_id, schedule.actor_id, schedule.principal_id, schedule.entity_id,
    schedule.organization_id, schedule.entity_type,
    nullif(nullif(schedule.queue_name, ''), 'default'),
    schedule.task_identifier, schedule.payload, schedule.priority, schedule.max_attempts,
    schedule.key)
  ON CONFLICT (key) DO UPDATE SET
    database_id     = EXCLUDED.database_id,
    actor_id        = EXCLUDED.actor_id,
    principal_id    = EXCLUDED.principal_id,
    entity_id       = EXCLUDED.entity_id,
    organization_id = EXCLUDED.organization_id,
    entity_type     = EXCLUDED.entity_type,
    task_identifier = EXCLUDED.task_identifier,
    payload         = EXCLUDED.payload,
    queue_name      = EXCLUDED.queue_name,
    max_attempts    = EXCLUDED.max_attempts,
    priority        = EXCLUDED.priority,
    run_at          = EXCLUDED.run_at,
    attempts        = 0,
    last_error      = NULL
  WHERE pending.locked_at IS NULL
  RETURNING * INTO fired;

  UPDATE app_jobs.scheduled_jobs s
     SET last_scheduled = now(),
         last_scheduled_id = coalesce(fired.id, s.last_scheduled_id)
   WHERE s.id = run_scheduled_job.id
  RETURNING * INTO schedule;
  IF NOT FOUND THEN
    RETURN fired;
  END IF;

  IF fired.id IS NULL THEN
    IF schedule.last_scheduled_id IS NOT DISTINCT FROM recorded_before THEN
      RETURN fired;
    END IF;
    SELECT * INTO fired FROM app_jobs.jobs j WHERE j.id = schedule.last_scheduled_id;
    IF NOT FOUND THEN
      PERFORM errors.raise_error(
        'SCHEDULED_JOB_NOT_ENQUEUED',
        jsonb_build_object(
          'scheduled_job_id', run_scheduled_job.id,
          'key', schedule.key,
          'last_scheduled_id', schedule.last_scheduled_id),
        'internal');
    END IF;
  END IF;

  RETURN fired;
END
$fn$;

-- schedule_min_interval_seconds: the shortest gap, in seconds, between two firings a
-- schedule_info may ask for (an upper bound on its rate), or NULL when it cannot tell.
--   recurrence object: 1 with a "second" field, 60 with any of minute/hour/dayOfWeek/date/month;
--   {"rule": cron}: five fields (seconds = 0) or six (seconds first). Seconds '*' -> 1,
--   '*/n' -> n (at least 1), a list or range -> 1; otherwise minutes '*' -> 60,
--   '*/n' -> 60n, a list or range -> 60; otherwise 3600.
CREATE FUNCTION app_jobs.schedule_min_interval_seconds(schedule_info json) RETURNS integer
LANGUAGE plpgsql IMMUTABLE
AS $fn$
DECLARE
  cron text;
  parts text[];
  sec_part text;
  min_part text;
BEGIN
  IF schedule_info IS NULL THEN
    RETURN NULL;
  END IF;

  cron := schedule_info ->> 'rule';
  IF cron IS NULL THEN
    IF (schedule_info -> 'second') IS NOT NULL THEN
      RETURN 1;
    END IF;
    IF (schedule_info -> 'minute') IS NOT NULL
       OR (schedule_info -> 'hour') IS NOT NULL
       OR (schedule_info -> 'dayOfWeek') IS NOT NULL
       OR (schedule_info -> 'date') IS NOT NULL
       OR (schedule_info -> 'month') IS NOT NULL THEN
      RETURN 60;
    END IF;
    RETURN NULL;
  END IF;

  parts := regexp_split_to_array(trim(cron), '\s+');
  CASE array_length(parts, 1)
    WHEN 6 THEN
      sec_part := parts[1];
      min_part := parts[2];
    WHEN 5 THEN
      sec_part := '0';
      min_part := parts[1];
    ELSE
      RETURN NULL;
  END CASE;

  IF sec_part = '*' THEN
    RETURN 1;
  ELSIF sec_part ~ '^\*/\d+$' THEN
    RETURN greatest(substr(sec_part, 3)::int, 1);
  ELSIF strpos(sec_part, ',') > 0 OR strpos(sec_part, '-') > 0 THEN
    RETURN 1;
  END IF;

  IF min_part = '*' THEN
    RETURN 60;
  ELSIF min_part ~ '^\*/\d+$' THEN
    RETURN greatest(substr(min_part, 3)::int, 1) * 60;
  ELSIF strpos(min_part, ',') > 0 OR strpos(min_part, '-') > 0 THEN
    RETURN 60;
  END IF;

  RETURN 3600;
END
$fn$;
