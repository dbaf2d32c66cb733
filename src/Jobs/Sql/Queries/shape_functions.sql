-- Schema shape, part 2: every function of the schema ($1: its name) with its input parameter
-- names and how many of them (the last ones) have defaults. Calls are made by parameter name,
-- so the names, not the order, decide what the framework can pass.
-- $1 schema_name text: the schema, unquoted
SELECT p.proname::text,
       coalesce(p.proargnames[1:p.pronargs], ARRAY[]::text[]) AS parameters,
       p.pronargdefaults
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1
 ORDER BY p.proname, p.pronargs DESC
