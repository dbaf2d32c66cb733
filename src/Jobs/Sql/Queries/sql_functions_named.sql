-- The functions of a schema with the given names: the comment that says whether Jobs made them
-- (JobSqlFunctionText.Marker), since an install replaces its own and refuses to touch the others,
-- and who may run them, since a reinstall (which drops and creates them) gives the same roles
-- EXECUTE again: default_privileges is true where nobody changed them (PUBLIC may run it), else
-- executors lists the roles with EXECUTE ("PUBLIC" for all).
-- $1 schema_name text: the schema, unquoted
-- $2 function_names text[]: the names to look for
SELECT p.oid::regprocedure::text AS signature,
       p.proname::text AS name,
       obj_description(p.oid, 'pg_proc') AS comment,
       p.proacl IS NULL AS default_privileges,
       ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END
               FROM aclexplode(p.proacl) AS a
               LEFT JOIN pg_roles r ON r.oid = a.grantee
              WHERE a.privilege_type = 'EXECUTE') AS executors
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1
   AND p.proname = ANY ($2)
 ORDER BY p.proname, p.oid
