-- Schema shape, part 3: the indexes of the jobs table ($1: the qualified table name), each with
-- its key columns in order and its predicate, so the fetch's index can be recognised whatever a
-- DBA named it.
-- $1 table_name text: the qualified name of the jobs table
SELECT c.relname::text,
       ARRAY(SELECT a.attname::text
               FROM unnest(i.indkey[0:i.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              ORDER BY k.n) AS keys,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       i.indisvalid
  FROM pg_index i
  JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = to_regclass($1)
 ORDER BY c.relname
