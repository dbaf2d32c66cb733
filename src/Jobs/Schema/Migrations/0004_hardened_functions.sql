-- Jobs schema, migration 4: SECURITY DEFINER functions that cannot be turned against their owner.
--
-- A SECURITY DEFINER function runs with its owner's rights (the installer: often a superuser) but,
-- unless it pins search_path, resolves names through the CALLER's search_path. A caller with
-- `SET search_path = evil, pg_catalog` and a function evil.now() had the timestamp trigger, which
-- add_job's INSERT fires as the owner, run evil.now() as the owner: any role allowed to call
-- add_job could make itself superuser. Two changes close that:
--
--   * every SECURITY DEFINER function, and json_build_object_apply, which one of them calls, gets
--     `SET search_path = pg_catalog, pg_temp`: built-ins come from pg_catalog, temporary objects
--     are searched last (PostgreSQL never looks functions or operators up in pg_temp unless asked
--     to), and no schema a caller controls is searched at all. Their bodies already name this
--     schema's tables, types and functions qualified (__SCHEMA__), so nothing else changes. The
--     setting lasts for the function's whole run, so the triggers its writes fire run under it too.
--
--   * the internal trigger functions name every built-in qualified (pg_catalog.now(),
--     pg_catalog.pg_notify, OPERATOR(pg_catalog.+), ...). A trigger runs as whoever wrote the row,
--     so a caller shadowing a name there can only hurt itself, except when the write comes from a
--     SECURITY DEFINER function: ours pin search_path (above); qualifying the names also protects
--     the triggers when a user's own definer function writes to these tables. They do not get a
--     SET clause: it costs a settings save and restore on every row (measured: 40% slower bulk
--     inserts, which fire three of them per row), and qualified names make it unnecessary.
--
-- The worker's functions (get_job, complete_job, fail_job, ...) are SECURITY INVOKER: they run
-- with the caller's own rights, so shadowing a name in them gains nothing. They are left as they
-- are, off the per-call cost of a SET clause on the hot path.
-- `jobs migrate --check` lists SECURITY DEFINER functions without a pinned search_path on a
-- pgpm-deployed schema, with the ALTER FUNCTION statements that fix them.

ALTER FUNCTION __SCHEMA__.add_job(uuid, text, json, text, text, timestamptz, int, int)
  SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION __SCHEMA__.add_scheduled_job(uuid, text, json, json, text, text, int, int)
  SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION __SCHEMA__.tg_add_job_with_row_id()
  SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION __SCHEMA__.tg_add_job_with_row()
  SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION __SCHEMA__.trigger_job_with_fields()
  SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION __SCHEMA__.json_build_object_apply(text[])
  SET search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION __SCHEMA__.tg_update_timestamps() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.created_at = pg_catalog.now();
    NEW.updated_at = pg_catalog.now();
  ELSIF TG_OP = 'UPDATE' THEN
    NEW.created_at = OLD.created_at;
    -- strictly increasing, even for two updates within one transaction
    NEW.updated_at = greatest(pg_catalog.now(), OLD.updated_at OPERATOR(pg_catalog.+) interval '1 millisecond');
  END IF;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION __SCHEMA__.do_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_catalog.pg_notify(TG_ARGV[0], '');
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION __SCHEMA__.tg_increase_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  INSERT INTO __SCHEMA__.job_queues AS q (queue_name, job_count)
  VALUES (NEW.queue_name, 1)
  ON CONFLICT (queue_name) DO UPDATE SET job_count = q.job_count OPERATOR(pg_catalog.+) 1;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION __SCHEMA__.tg_decrease_job_queue_count() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_count int;
BEGIN
  UPDATE __SCHEMA__.job_queues q
     SET job_count = q.job_count OPERATOR(pg_catalog.-) 1
   WHERE q.queue_name OPERATOR(pg_catalog.=) OLD.queue_name
  RETURNING q.job_count INTO v_count;
  IF v_count OPERATOR(pg_catalog.<=) 0 THEN
    DELETE FROM __SCHEMA__.job_queues q
     WHERE q.queue_name OPERATOR(pg_catalog.=) OLD.queue_name
       AND q.job_count OPERATOR(pg_catalog.<=) 0;
  END IF;
  RETURN OLD;
END;
$$;
