-- The functions of a schema with the given names, with the comment that says whether Jobs made
-- them (JobSqlFunctionText.Marker): an install replaces its own and refuses to touch the others.
-- $1 schema_name text: the schema, unquoted
-- $2 function_names text[]: the names to look for
SELECT p.oid::regprocedure::text AS signature,
       p.proname::text AS name,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1
   AND p.proname = ANY ($2)
 ORDER BY p.proname, p.oid
