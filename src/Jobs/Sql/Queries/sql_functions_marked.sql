-- The functions of a schema whose comment starts with the marker an install of the enqueue
-- functions writes (JobSqlFunctionText.Marker), with that comment: what `jobs schema` lists.
-- $1 schema_name text: the schema, unquoted
-- $2 comment_pattern text: the marker followed by %, for LIKE
SELECT p.oid::regprocedure::text AS signature,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1
   AND obj_description(p.oid, 'pg_proc') LIKE $2
 ORDER BY p.proname
