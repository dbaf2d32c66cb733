-- Whether the history is installed beside the jobs schema, whether the current role may record
-- into it (a worker) and read it (an admin). Read from the catalog by oid, never through the
-- tables: a database without the history, or a role without rights, gets an answer, not an error.
-- $1 history_schema text: the history schema's name (unquoted)
WITH t AS (
  SELECT n.oid AS schema_oid,
         (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'completed_jobs') AS jobs,
         (SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'settings') AS settings
    FROM pg_catalog.pg_namespace n
   WHERE n.nspname = $1
),
access AS (
  SELECT t.jobs, t.jobs IS NOT NULL AND t.settings IS NOT NULL AS installed,
         coalesce(has_schema_privilege(t.schema_oid, 'USAGE') AND has_table_privilege(t.jobs, 'SELECT')
           AND has_table_privilege(t.settings, 'SELECT'), false) AS readable
    FROM t
)
SELECT coalesce(bool_or(a.installed), false) AS installed,
       coalesce(bool_or(a.readable AND has_table_privilege(a.jobs, 'INSERT') AND has_table_privilege(a.jobs, 'DELETE')), false) AS recordable,
       coalesce(bool_or(a.readable), false) AS readable
  FROM access a
