-- Schema shape, part 4: the SECURITY DEFINER functions of the schema ($1: its name) that do not pin
-- search_path. Such a function runs with its owner's rights but resolves names through the
-- caller's search_path, so a caller's own now() (or operator, or table) can run as the owner.
-- Each comes with its identity arguments, for the ALTER FUNCTION statement that fixes it.
-- $1 schema_name text: the schema, unquoted
SELECT p.proname::text,
       pg_get_function_identity_arguments(p.oid) AS arguments
  FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = $1
   AND p.prosecdef
   AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS setting
                    WHERE setting LIKE 'search\_path=%')
 ORDER BY p.proname, arguments
