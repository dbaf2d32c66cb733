-- Who may run the functions of a schema with the given names, so a reinstall (which drops and
-- creates them) gives the same roles EXECUTE again: default_privileges is true where nobody
-- changed them (PUBLIC may run it), else executors lists the roles with EXECUTE ("PUBLIC" for all).
-- $1 schema_name text: the schema, unquoted
-- $2 function_names text[]: the names to look for
SELECT p.proname::text AS name,
       bool_and(p.proacl IS NULL) AS default_privileges,
       coalesce(array_agg(DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END)
                  FILTER (WHERE a.privilege_type = 'EXECUTE'), ARRAY[]::text[]) AS executors
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN LATERAL aclexplode(p.proacl) AS a ON true
  LEFT JOIN pg_roles r ON r.oid = a.grantee
 WHERE n.nspname = $1
   AND p.proname = ANY ($2)
 GROUP BY p.proname
